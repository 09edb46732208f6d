from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'person.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('profile.html', 'person.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_lede(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_item = resolve('item')
    l_0_ui = resolve('ui')
    try:
        t_1 = environment.filters['fill']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'fill' found.")
    pass
    yield '    <p class="lede">'
    if environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'age'):
        pass
        yield escape(t_1(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'person.role_aged'), role=environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'role'), age=environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'age')))
    else:
        pass
        yield escape(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'role'))
    yield '</p>\n'

def block_in_body(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_item = resolve('item')
    l_0_ui = resolve('ui')
    pass
    if environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'quotes'):
        pass
        yield '    <h2>'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'person.in_their_words'))
        yield '</h2>\n'
        for l_1_quote in environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'quotes'):
            l_1_speaker = missing
            _loop_vars = {}
            pass
            l_1_speaker = (undefined(name='item') if l_0_item is missing else l_0_item)
            _loop_vars['speaker'] = l_1_speaker
            template = environment.get_template('partials/quote.html', 'person.html')
            gen = template.root_render_func(template.new_context(context.get_all(), True, {'quote': l_1_quote, 'speaker': l_1_speaker}))
            try:
                for event in gen:
                    yield event
            finally: gen.close()
        l_1_quote = l_1_speaker = missing

def block_facts(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_item = resolve('item')
    l_0_backlinks = resolve('backlinks')
    l_0_ui = resolve('ui')
    l_0_relations_out = l_0_relations_in = missing
    try:
        t_2 = environment.filters['capitalize']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'capitalize' found.")
    try:
        t_1 = environment.filters['fill']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'fill' found.")
    pass
    l_0_relations_out = environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'relations')
    _block_vars['relations_out'] = l_0_relations_out
    l_0_relations_in = context.call((undefined(name='backlinks') if l_0_backlinks is missing else l_0_backlinks), (undefined(name='item') if l_0_item is missing else l_0_item), 'relation', _block_vars=_block_vars)
    _block_vars['relations_in'] = l_0_relations_in
    if ((undefined(name='relations_out') if l_0_relations_out is missing else l_0_relations_out) or (undefined(name='relations_in') if l_0_relations_in is missing else l_0_relations_in)):
        pass
        yield '    <h2>'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'person.relations'))
        yield '</h2>\n    <ul class="relations">\n'
        for l_1_relation in (undefined(name='relations_out') if l_0_relations_out is missing else l_0_relations_out):
            l_1_url = resolve('url')
            l_1_link_lang = resolve('link_lang')
            l_1_name = resolve('name')
            _loop_vars = {}
            pass
            yield '      <li>'
            yield escape(t_2(environment.getattr(l_1_relation, 'label')))
            yield ' <a href="'
            yield escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), environment.getattr(l_1_relation, 'person'), _loop_vars=_loop_vars))
            yield '"'
            yield escape(context.call((undefined(name='link_lang') if l_1_link_lang is missing else l_1_link_lang), environment.getattr(l_1_relation, 'person'), _loop_vars=_loop_vars))
            yield '>'
            yield escape(context.call((undefined(name='name') if l_1_name is missing else l_1_name), environment.getattr(l_1_relation, 'person'), _loop_vars=_loop_vars))
            yield '</a></li>\n'
        l_1_relation = l_1_url = l_1_link_lang = l_1_name = missing
        for (l_1_other, l_1_label) in (undefined(name='relations_in') if l_0_relations_in is missing else l_0_relations_in):
            l_1_other_link = missing
            _loop_vars = {}
            pass
            l_2_url = resolve('url')
            t_3 = []
            pass
            t_3.extend((
                '<a href="',
                escape(context.call((undefined(name='url') if l_2_url is missing else l_2_url), l_1_other)),
                '">',
                escape(environment.getattr(l_1_other, 'name')),
                '</a>',
            ))
            l_1_other_link = (Markup if context.eval_ctx.autoescape else identity)(concat(t_3))
            _loop_vars['other_link'] = l_1_other_link
            l_2_url = missing
            yield '      <li>'
            yield escape(t_1(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'person.relation_back'), other=(undefined(name='other_link') if l_1_other_link is missing else l_1_other_link), label=l_1_label, name=environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'name')))
            yield '</li>\n'
        l_1_other = l_1_label = l_1_other_link = missing
        yield '    </ul>\n'
    if environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'affiliations'):
        pass
        yield '    <h2>'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'person.affiliations'))
        yield '</h2>\n    <ul class="relations">\n'
        for l_1_slug in environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'affiliations'):
            l_1_url = resolve('url')
            l_1_link_lang = resolve('link_lang')
            l_1_name = resolve('name')
            _loop_vars = {}
            pass
            yield '      <li><a href="'
            yield escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), l_1_slug, _loop_vars=_loop_vars))
            yield '"'
            yield escape(context.call((undefined(name='link_lang') if l_1_link_lang is missing else l_1_link_lang), l_1_slug, _loop_vars=_loop_vars))
            yield '>'
            yield escape(context.call((undefined(name='name') if l_1_name is missing else l_1_name), l_1_slug, _loop_vars=_loop_vars))
            yield '</a></li>\n'
        l_1_slug = l_1_url = l_1_link_lang = l_1_name = missing
        yield '    </ul>\n'

def block_facts_end(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_referrers = resolve('referrers')
    l_0_item = resolve('item')
    pass
    l_1_loop = missing
    for l_1_figure, l_1_loop in LoopContext(context.call((undefined(name='referrers') if l_0_referrers is missing else l_0_referrers), (undefined(name='item') if l_0_item is missing else l_0_item), 'figures', 'people', _block_vars=_block_vars), undefined):
        l_1_ui = resolve('ui')
        l_1_url = resolve('url')
        l_1_figure_number = resolve('figure_number')
        l_1_claim = resolve('claim')
        _loop_vars = {}
        pass
        if environment.getattr(l_1_loop, 'first'):
            pass
            yield '    <h2>'
            yield escape(environment.getitem((undefined(name='ui') if l_1_ui is missing else l_1_ui), 'person.figures'))
            yield '</h2>\n    <ul class="relations">\n'
        yield '      <li><a href="'
        yield escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), l_1_figure, _loop_vars=_loop_vars))
        yield '">'
        yield escape(context.call((undefined(name='figure_number') if l_1_figure_number is missing else l_1_figure_number), l_1_figure, _loop_vars=_loop_vars))
        yield '</a>: '
        yield escape(context.call((undefined(name='claim') if l_1_claim is missing else l_1_claim), l_1_figure, _loop_vars=_loop_vars))
        yield '</li>\n'
        if environment.getattr(l_1_loop, 'last'):
            pass
            yield '    </ul>\n'
    l_1_loop = l_1_figure = l_1_ui = l_1_url = l_1_figure_number = l_1_claim = missing

blocks = {'lede': block_lede, 'in_body': block_in_body, 'facts': block_facts, 'facts_end': block_facts_end}
debug_info = '1=12&3=17&4=34&6=42&7=52&8=55&9=57&10=61&11=63&15=71&16=95&17=97&18=99&19=102&21=104&22=111&24=120&25=129&26=138&30=142&31=145&33=147&34=154&39=163&40=174&41=181&42=184&45=187&46=193'
