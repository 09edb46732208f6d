from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '404.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_suggestion = missing
    try:
        t_1 = environment.filters['fill']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'fill' found.")
    pass
    parent_template = environment.get_template('base.html', '404.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    def macro(l_1_target, l_1_words):
        t_2 = []
        l_1_ui = resolve('ui')
        l_1_link = missing
        if l_1_target is missing:
            l_1_target = undefined("parameter 'target' was not provided", name='target')
        if l_1_words is missing:
            l_1_words = undefined("parameter 'words' was not provided", name='words')
        pass
        l_2_url = resolve('url')
        t_3 = []
        pass
        t_3.extend((
            '<a href="',
            escape(context.call((undefined(name='url') if l_2_url is missing else l_2_url), l_1_target)),
            '">',
            escape(environment.getitem((undefined(name='ui') if l_1_ui is missing else l_1_ui), l_1_words)),
            '</a>',
        ))
        l_1_link = (Markup if context.eval_ctx.autoescape else identity)(concat(t_3))
        l_2_url = missing
        t_2.append(
            escape(t_1(environment.getitem((undefined(name='ui') if l_1_ui is missing else l_1_ui), '404.suggested_page'), link=(undefined(name='link') if l_1_link is missing else l_1_link))),
        )
        return concat(t_2)
    context.exported_vars.add('suggestion')
    context.vars['suggestion'] = l_0_suggestion = Macro(environment, macro, 'suggestion', ('target', 'words'), False, False, False, context.eval_ctx.autoescape)
    yield from parent_template.root_render_func(context)

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_title = resolve('title')
    l_0_sections = resolve('sections')
    l_0_suggestion = resolve('suggestion')
    l_0_ui = resolve('ui')
    l_0_shown = l_0_first = l_0_last = missing
    try:
        t_1 = environment.filters['fill']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'fill' found.")
    try:
        t_4 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '<h1>'
    yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
    yield '</h1>\n'
    l_0_shown = (([('/', '404.home_link')] + ([('/timeline/', '404.timeline_link')] if ('timeline' in (undefined(name='sections') if l_0_sections is missing else l_0_sections)) else [])) + ([('/glossary/', '404.glossary_link')] if ('glossary' in (undefined(name='sections') if l_0_sections is missing else l_0_sections)) else []))
    _block_vars['shown'] = l_0_shown
    t_5 = []
    pass
    l_2_loop = missing
    for (l_2_target, l_2_words), l_2_loop in LoopContext((undefined(name='shown') if l_0_shown is missing else l_0_shown)[:-1], undefined):
        _loop_vars = {}
        pass
        t_5.append(
            escape(context.call((undefined(name='suggestion') if l_0_suggestion is missing else l_0_suggestion), l_2_target, l_2_words, _loop_vars=_loop_vars)),
        )
        if (not environment.getattr(l_2_loop, 'last')):
            pass
            t_5.append(
                escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'list.separator')),
            )
    l_2_loop = l_2_target = l_2_words = missing
    l_0_first = (Markup if context.eval_ctx.autoescape else identity)(concat(t_5))
    _block_vars['first'] = l_0_first
    l_0_last = context.call((undefined(name='suggestion') if l_0_suggestion is missing else l_0_suggestion), environment.getitem(environment.getitem((undefined(name='shown') if l_0_shown is missing else l_0_shown), -1), 0), environment.getitem(environment.getitem((undefined(name='shown') if l_0_shown is missing else l_0_shown), -1), 1), _block_vars=_block_vars)
    _block_vars['last'] = l_0_last
    yield '<p>'
    yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), '404.lost'))
    yield ' '
    yield escape(t_1(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), '404.try'), pages=(t_1(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'list.or'), first=(undefined(name='first') if l_0_first is missing else l_0_first), last=(undefined(name='last') if l_0_last is missing else l_0_last)) if (t_4((undefined(name='shown') if l_0_shown is missing else l_0_shown)) > 1) else (undefined(name='last') if l_0_last is missing else l_0_last))))
    yield '</p>\n'

blocks = {'content': block_content}
debug_info = '1=19&2=22&3=51&4=77&6=79&7=84&8=98&9=101'
