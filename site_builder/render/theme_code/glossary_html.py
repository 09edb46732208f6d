from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'glossary.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'glossary.html')
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
    l_0_config = resolve('config')
    l_0_search_kinds = resolve('search_kinds')
    l_0_title = resolve('title')
    l_0_description = resolve('description')
    l_0_terms_by_letter = resolve('terms_by_letter')
    l_0_items = resolve('items')
    l_0_ui = resolve('ui')
    l_0_groups = l_0_embeds_listed = missing
    try:
        t_1 = environment.filters['fill']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'fill' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_3 = environment.filters['lower']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'lower' found.")
    pass
    yield '<h1'
    if environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'search'):
        pass
        yield ' data-pagefind-meta="kind:'
        yield escape(environment.getattr((undefined(name='search_kinds') if l_0_search_kinds is missing else l_0_search_kinds), 'glossary'))
        yield '"'
    yield '>'
    yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
    yield '</h1>\n<p class="lede">'
    yield escape((undefined(name='description') if l_0_description is missing else l_0_description))
    yield '</p>\n'
    l_0_groups = context.call((undefined(name='terms_by_letter') if l_0_terms_by_letter is missing else l_0_terms_by_letter), context.call((undefined(name='items') if l_0_items is missing else l_0_items), 'glossary', _block_vars=_block_vars), _block_vars=_block_vars)
    _block_vars['groups'] = l_0_groups
    l_0_embeds_listed = True
    _block_vars['embeds_listed'] = l_0_embeds_listed
    yield '<nav class="jump-bar" aria-label="'
    yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'glossary.letters_label'))
    yield '">\n  <ul>\n'
    for l_1_letter in (undefined(name='groups') if l_0_groups is missing else l_0_groups):
        _loop_vars = {}
        pass
        yield '    <li><a href="#letter-'
        yield escape((t_3(l_1_letter) if (l_1_letter != '#') else 'other'))
        yield '">'
        yield escape(l_1_letter)
        yield '</a></li>\n'
    l_1_letter = missing
    yield '  </ul>\n</nav>\n'
    l_1_loop = missing
    for (l_1_letter, l_1_terms), l_1_loop in LoopContext(context.call(environment.getattr((undefined(name='groups') if l_0_groups is missing else l_0_groups), 'items'), _block_vars=_block_vars), undefined):
        _loop_vars = {}
        pass
        yield '<section aria-labelledby="letter-'
        yield escape((t_3(l_1_letter) if (l_1_letter != '#') else 'other'))
        yield '">\n  <h2 id="letter-'
        yield escape((t_3(l_1_letter) if (l_1_letter != '#') else 'other'))
        yield '">'
        yield escape(l_1_letter)
        yield '</h2>\n  <dl class="glossary">\n'
        l_2_loop = missing
        for l_2_term, l_2_loop in LoopContext(l_1_terms, undefined):
            l_2_old_anchors = resolve('old_anchors')
            l_2_is_draft = resolve('is_draft')
            l_2_body = resolve('body')
            l_2_backlinks = resolve('backlinks')
            l_2_used = missing
            _loop_vars = {}
            pass
            yield '    <dt id="'
            yield escape(environment.getattr(l_2_term, 'slug'))
            yield '"'
            if environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'search'):
                pass
                yield ' data-pagefind-meta="entry-'
                yield escape(environment.getattr(l_2_term, 'slug'))
                yield '" data-pagefind-weight="7"'
            yield '>'
            yield escape(context.call((undefined(name='old_anchors') if l_2_old_anchors is missing else l_2_old_anchors), l_2_term, _loop_vars=_loop_vars))
            yield escape(environment.getattr(l_2_term, 'term'))
            if environment.getattr(l_2_term, 'abbr'):
                pass
                yield ' (<abbr>'
                yield escape(environment.getattr(l_2_term, 'abbr'))
                yield '</abbr>)'
            if context.call((undefined(name='is_draft') if l_2_is_draft is missing else l_2_is_draft), l_2_term, _loop_vars=_loop_vars):
                pass
                yield ' '
                template = environment.get_template('partials/draft-label.html', 'glossary.html')
                gen = template.root_render_func(template.new_context(context.get_all(), True, {'loop': l_2_loop, 'term': l_2_term, 'used': l_2_used, 'letter': l_1_letter, 'terms': l_1_terms, 'embeds_listed': l_0_embeds_listed, 'groups': l_0_groups}))
                try:
                    for event in gen:
                        yield event
                finally: gen.close()
            yield '</dt>\n    <dd>\n      <p>'
            yield escape(environment.getattr(l_2_term, 'definition'))
            yield '</p>\n      '
            yield escape(context.call((undefined(name='body') if l_2_body is missing else l_2_body), l_2_term, _loop_vars=_loop_vars))
            yield '\n'
            if environment.getattr(l_2_term, 'aliases'):
                pass
                yield '      <p class="aliases">'
                yield escape(t_1(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'glossary.also'), aliases=t_2(context.eval_ctx, environment.getattr(l_2_term, 'aliases'), ', ')))
                yield '</p>\n'
            if environment.getattr(l_2_term, 'see_also'):
                pass
                yield '      <p class="see-also">'
                yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'glossary.see_also'))
                yield '\n'
                l_3_loop = missing
                for l_3_slug, l_3_loop in LoopContext(environment.getattr(l_2_term, 'see_also'), undefined):
                    l_3_url = resolve('url')
                    l_3_link_lang = resolve('link_lang')
                    l_3_name = resolve('name')
                    _loop_vars = {}
                    pass
                    yield '        <a href="'
                    yield escape(context.call((undefined(name='url') if l_3_url is missing else l_3_url), l_3_slug, _loop_vars=_loop_vars))
                    yield '"'
                    yield escape(context.call((undefined(name='link_lang') if l_3_link_lang is missing else l_3_link_lang), l_3_slug, _loop_vars=_loop_vars))
                    yield '>'
                    yield escape(context.call((undefined(name='name') if l_3_name is missing else l_3_name), l_3_slug, _loop_vars=_loop_vars))
                    yield '</a>'
                    if (not environment.getattr(l_3_loop, 'last')):
                        pass
                        yield ', '
                l_3_loop = l_3_slug = l_3_url = l_3_link_lang = l_3_name = missing
                yield '      </p>\n'
            l_2_used = context.call((undefined(name='backlinks') if l_2_backlinks is missing else l_2_backlinks), l_2_term, _loop_vars=_loop_vars)
            _loop_vars['used'] = l_2_used
            if (undefined(name='used') if l_2_used is missing else l_2_used):
                pass
                yield '      <p class="used-in">'
                yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'entry.used_in'))
                yield '\n'
                l_3_loop = missing
                for (l_3_ref, l_3_label), l_3_loop in LoopContext((undefined(name='used') if l_2_used is missing else l_2_used), undefined):
                    l_3_figure_number = resolve('figure_number')
                    l_3_ref_link = missing
                    _loop_vars = {}
                    pass
                    l_4_url = resolve('url')
                    l_4_claim = resolve('claim')
                    t_4 = []
                    pass
                    t_4.extend((
                        '<a href="',
                        escape(context.call((undefined(name='url') if l_4_url is missing else l_4_url), l_3_ref)),
                        '">',
                        escape(context.call((undefined(name='claim') if l_4_claim is missing else l_4_claim), l_3_ref)),
                        '</a>',
                    ))
                    l_3_ref_link = (Markup if context.eval_ctx.autoescape else identity)(concat(t_4))
                    _loop_vars['ref_link'] = l_3_ref_link
                    l_4_url = l_4_claim = missing
                    if (environment.getattr(l_3_ref, 'kind') == 'figures'):
                        pass
                        yield escape(t_1(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'entry.figure_number'), claim=(undefined(name='ref_link') if l_3_ref_link is missing else l_3_ref_link), number=context.call((undefined(name='figure_number') if l_3_figure_number is missing else l_3_figure_number), l_3_ref, _loop_vars=_loop_vars)))
                    else:
                        pass
                        yield escape((undefined(name='ref_link') if l_3_ref_link is missing else l_3_ref_link))
                    if (not environment.getattr(l_3_loop, 'last')):
                        pass
                        yield '; '
                l_3_loop = l_3_ref = l_3_label = l_3_ref_link = l_3_figure_number = missing
                yield '      </p>\n'
            l_3_embed_target = l_2_term
            pass
            template = environment.get_template('partials/embed-code.html', 'glossary.html')
            gen = template.root_render_func(template.new_context(context.get_all(), True, {'embed_target': l_3_embed_target, 'loop': l_2_loop, 'term': l_2_term, 'used': l_2_used, 'letter': l_1_letter, 'terms': l_1_terms, 'embeds_listed': l_0_embeds_listed, 'groups': l_0_groups}))
            try:
                for event in gen:
                    yield event
            finally: gen.close()
            l_3_embed_target = missing
            yield '    </dd>\n'
        l_2_loop = l_2_term = l_2_old_anchors = l_2_is_draft = l_2_body = l_2_backlinks = l_2_used = missing
        yield '  </dl>\n</section>\n'
    l_1_loop = l_1_letter = l_1_terms = missing
    template = environment.get_template('partials/embed-script-once.html', 'glossary.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'embeds_listed': l_0_embeds_listed, 'groups': l_0_groups}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    template = environment.get_template('partials/corrections.html', 'glossary.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'embeds_listed': l_0_embeds_listed, 'groups': l_0_groups}))
    try:
        for event in gen:
            yield event
    finally: gen.close()

blocks = {'content': block_content}
debug_info = '1=12&2=17&3=52&4=60&5=62&6=64&7=67&9=69&10=73&14=80&15=84&16=86&18=91&19=100&21=125&22=127&23=129&24=132&26=134&27=137&28=140&29=147&33=158&34=160&35=163&36=166&37=177&38=185&42=198&48=209&49=215'
