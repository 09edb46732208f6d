from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'sources.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'sources.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_title = resolve('title')
    l_0_description = resolve('description')
    l_0_ui = resolve('ui')
    l_0_items = resolve('items')
    l_0_general_knowledge = resolve('general_knowledge')
    l_0_field_words = resolve('field_words')
    l_0_declared = missing
    try:
        t_1 = environment.filters['date_words']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'date_words' found.")
    try:
        t_2 = environment.filters['fill']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'fill' found.")
    try:
        t_3 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_4 = environment.filters['noun']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'noun' found.")
    pass
    yield '<h1>'
    yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
    yield '</h1>\n<p class="lede">'
    yield escape((undefined(name='description') if l_0_description is missing else l_0_description))
    yield ' '
    yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'sources.lede_checked'))
    yield '</p>\n'
    l_1_loop = missing
    for l_1_source, l_1_loop in LoopContext(context.call((undefined(name='items') if l_0_items is missing else l_0_items), 'sources', _block_vars=_block_vars), undefined):
        l_1_source_lang = resolve('source_lang')
        l_1_old_anchors = resolve('old_anchors')
        l_1_quotes_of = resolve('quotes_of')
        l_1_quotes = missing
        _loop_vars = {}
        pass
        yield '<section class="source" id="'
        yield escape(environment.getattr(l_1_source, 'slug'))
        yield '" aria-labelledby="'
        yield escape(environment.getattr(l_1_source, 'slug'))
        yield '-title">\n  <h2 id="'
        yield escape(environment.getattr(l_1_source, 'slug'))
        yield '-title"'
        yield escape(context.call((undefined(name='source_lang') if l_1_source_lang is missing else l_1_source_lang), l_1_source, _loop_vars=_loop_vars))
        yield '>'
        yield escape(context.call((undefined(name='old_anchors') if l_1_old_anchors is missing else l_1_old_anchors), l_1_source, _loop_vars=_loop_vars))
        if environment.getattr(l_1_source, 'url'):
            pass
            yield '<a href="'
            yield escape(environment.getattr(l_1_source, 'url'))
            yield '">'
            yield escape(environment.getattr(l_1_source, 'title'))
            yield '</a>'
        else:
            pass
            yield escape(environment.getattr(l_1_source, 'title'))
        yield '</h2>\n'
        if (environment.getattr(l_1_source, 'publisher') or environment.getattr(l_1_source, 'date')):
            pass
            yield '  <p class="source-meta">'
            if environment.getattr(l_1_source, 'publisher'):
                pass
                yield escape(environment.getattr(l_1_source, 'publisher'))
            if (environment.getattr(l_1_source, 'publisher') and environment.getattr(l_1_source, 'date')):
                pass
                yield ', '
            if environment.getattr(l_1_source, 'date'):
                pass
                yield '<time datetime="'
                yield escape(environment.getattr(environment.getattr(l_1_source, 'date'), 'machine'))
                yield '">'
                yield escape(t_1(environment.getattr(l_1_source, 'date')))
                yield '</time>'
            yield '</p>\n'
        l_1_quotes = context.call((undefined(name='quotes_of') if l_1_quotes_of is missing else l_1_quotes_of), l_1_source, _loop_vars=_loop_vars)
        _loop_vars['quotes'] = l_1_quotes
        if (undefined(name='quotes') if l_1_quotes is missing else l_1_quotes):
            pass
            yield '  <h3 id="'
            yield escape(environment.getattr(l_1_source, 'slug'))
            yield '-quotes">'
            yield escape(t_2(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'sources.quoted_count'), count=t_3((undefined(name='quotes') if l_1_quotes is missing else l_1_quotes))))
            yield '</h3>\n  <ol class="source-quotes" aria-labelledby="'
            yield escape(environment.getattr(l_1_source, 'slug'))
            yield '-quotes">\n'
            l_2_loop = missing
            for l_2_quote, l_2_loop in LoopContext((undefined(name='quotes') if l_1_quotes is missing else l_1_quotes), undefined):
                _loop_vars = {}
                pass
                yield '    <li id="'
                yield escape(environment.getattr(l_2_quote, 'anchor'))
                yield '">\n      <blockquote'
                yield escape(context.call((undefined(name='source_lang') if l_1_source_lang is missing else l_1_source_lang), l_1_source, _loop_vars=_loop_vars))
                yield '><p>'
                yield escape(environment.getattr(l_2_quote, 'text'))
                yield '</p></blockquote>\n      <p class="used-in">'
                yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'entry.used_in'))
                yield '\n'
                l_3_loop = missing
                for l_3_user, l_3_loop in LoopContext(environment.getattr(l_2_quote, 'users'), undefined):
                    l_3_url = resolve('url')
                    l_3_claim = resolve('claim')
                    _loop_vars = {}
                    pass
                    yield '        <a href="'
                    yield escape(context.call((undefined(name='url') if l_3_url is missing else l_3_url), l_3_user, _loop_vars=_loop_vars))
                    yield '">'
                    yield escape(context.call((undefined(name='claim') if l_3_claim is missing else l_3_claim), l_3_user, _loop_vars=_loop_vars))
                    yield '</a> <span class="kind">('
                    yield escape(t_4(environment.getattr(l_3_user, 'kind')))
                    yield ')</span>'
                    if (not environment.getattr(l_3_loop, 'last')):
                        pass
                        yield ', '
                l_3_loop = l_3_user = l_3_url = l_3_claim = missing
                yield '      </p>\n    </li>\n'
            l_2_loop = l_2_quote = missing
            yield '  </ol>\n'
        else:
            pass
            yield '  <p>'
            yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'sources.unquoted'))
            yield '</p>\n'
        yield '</section>\n'
    l_1_loop = l_1_source = l_1_source_lang = l_1_old_anchors = l_1_quotes_of = l_1_quotes = missing
    l_0_declared = context.call((undefined(name='general_knowledge') if l_0_general_knowledge is missing else l_0_general_knowledge), _block_vars=_block_vars)
    _block_vars['declared'] = l_0_declared
    if (undefined(name='declared') if l_0_declared is missing else l_0_declared):
        pass
        l_0_field_words = {'definition': environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'sources.declared_field.definition'), 'kind': environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'sources.declared_field.kind'), 'role': environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'sources.declared_field.role')}
        _block_vars['field_words'] = l_0_field_words
        yield '<section class="general-knowledge" id="general-knowledge" aria-labelledby="general-knowledge-title">\n  <h2 id="general-knowledge-title">'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'sources.general_knowledge'))
        yield '</h2>\n  <p>'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'sources.general_knowledge_lede'))
        yield '</p>\n  <ul class="declared">\n'
        for l_1_entry in (undefined(name='declared') if l_0_declared is missing else l_0_declared):
            l_1_entry_link = missing
            _loop_vars = {}
            pass
            l_2_url = resolve('url')
            l_2_name = resolve('name')
            t_5 = []
            pass
            t_5.extend((
                '<a href="',
                escape(context.call((undefined(name='url') if l_2_url is missing else l_2_url), environment.getattr(l_1_entry, 'item'))),
                '">',
                escape(context.call((undefined(name='name') if l_2_name is missing else l_2_name), environment.getattr(l_1_entry, 'item'))),
                '</a>',
            ))
            l_1_entry_link = (Markup if context.eval_ctx.autoescape else identity)(concat(t_5))
            _loop_vars['entry_link'] = l_1_entry_link
            l_2_url = l_2_name = missing
            yield '    <li>'
            yield escape(t_2(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'sources.declared'), name=(undefined(name='entry_link') if l_1_entry_link is missing else l_1_entry_link), kind=t_4(environment.getattr(environment.getattr(l_1_entry, 'item'), 'kind')), field=environment.getitem((undefined(name='field_words') if l_0_field_words is missing else l_0_field_words), environment.getattr(l_1_entry, 'field')), words=environment.getattr(l_1_entry, 'text')))
            yield '</li>\n'
        l_1_entry = l_1_entry_link = missing
        yield '  </ul>\n</section>\n'
    template = environment.get_template('partials/corrections.html', 'sources.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'declared': l_0_declared, 'field_words': l_0_field_words}))
    try:
        for event in gen:
            yield event
    finally: gen.close()

blocks = {'content': block_content}
debug_info = '1=12&2=17&3=57&4=59&5=64&6=72&7=76&8=92&9=95&11=109&12=111&13=114&14=118&15=121&16=125&17=127&18=131&19=134&20=140&27=156&31=160&32=162&33=164&35=167&36=169&38=171&39=181&40=190&45=194'
