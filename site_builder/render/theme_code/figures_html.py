from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'figures.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'figures.html')
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
    l_0_items = resolve('items')
    l_0_comparable_figures = resolve('comparable_figures')
    l_0_ui = resolve('ui')
    l_0_figures = l_0_embeds_listed = l_0_groups = missing
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '<header class="page-head">\n  <h1'
    if environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'search'):
        pass
        yield ' data-pagefind-meta="kind:'
        yield escape(environment.getattr((undefined(name='search_kinds') if l_0_search_kinds is missing else l_0_search_kinds), 'figures'))
        yield '"'
    yield '>'
    yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
    yield '</h1>\n  <p class="lede">'
    yield escape((undefined(name='description') if l_0_description is missing else l_0_description))
    yield '</p>\n</header>\n'
    l_0_figures = context.call((undefined(name='items') if l_0_items is missing else l_0_items), 'figures', _block_vars=_block_vars)
    _block_vars['figures'] = l_0_figures
    l_0_embeds_listed = True
    _block_vars['embeds_listed'] = l_0_embeds_listed
    l_0_groups = context.call((undefined(name='comparable_figures') if l_0_comparable_figures is missing else l_0_comparable_figures), (undefined(name='figures') if l_0_figures is missing else l_0_figures), _block_vars=_block_vars)
    _block_vars['groups'] = l_0_groups
    if (undefined(name='groups') if l_0_groups is missing else l_0_groups):
        pass
        yield '<section aria-labelledby="compared">\n  <h2 id="compared">'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'figures.side_by_side'))
        yield '</h2>\n'
        l_1_loop = missing
        for l_1_group, l_1_loop in LoopContext((undefined(name='groups') if l_0_groups is missing else l_0_groups), undefined):
            l_1_figure_bars = resolve('figure_bars')
            l_1_url = resolve('url')
            l_1_counted = resolve('counted')
            l_1_attribution = resolve('attribution')
            _loop_vars = {}
            pass
            yield '  <figure class="chart-figure">\n    '
            yield escape(context.call((undefined(name='figure_bars') if l_1_figure_bars is missing else l_1_figure_bars), l_1_group, (undefined(name='url') if l_1_url is missing else l_1_url), _loop_vars=_loop_vars))
            yield '\n    <figcaption>'
            yield escape(context.call((undefined(name='counted') if l_1_counted is missing else l_1_counted), 'figures.compared_caption', t_1(l_1_group), attribution=context.call((undefined(name='attribution') if l_1_attribution is missing else l_1_attribution), environment.getitem(l_1_group, 0), _loop_vars=_loop_vars), unit=environment.getattr(environment.getitem(l_1_group, 0), 'unit'), _loop_vars=_loop_vars))
            yield '\n'
            l_2_loop = missing
            for l_2_figure, l_2_loop in LoopContext(l_1_group, undefined):
                l_2_figure_number = resolve('figure_number')
                _loop_vars = {}
                pass
                yield '      <a href="'
                yield escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), l_2_figure, _loop_vars=_loop_vars))
                yield '">'
                yield escape(environment.getattr(l_2_figure, 'label'))
                yield '</a>'
                yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'list.separator'))
                yield escape(context.call((undefined(name='figure_number') if l_2_figure_number is missing else l_2_figure_number), l_2_figure, _loop_vars=_loop_vars))
                yield escape((environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'list.clause_separator') if (not environment.getattr(l_2_loop, 'last')) else '.'))
                yield '\n'
            l_2_loop = l_2_figure = l_2_figure_number = missing
            yield '    </figcaption>\n  </figure>\n'
        l_1_loop = l_1_group = l_1_figure_bars = l_1_url = l_1_counted = l_1_attribution = missing
        yield '</section>\n'
    yield '<section aria-labelledby="all-figures">\n  <h2 id="all-figures">'
    yield escape((environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'figures.every_figure') if (undefined(name='groups') if l_0_groups is missing else l_0_groups) else environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'figures.the_figures')))
    yield '</h2>\n  <div class="figures">\n'
    for l_1_figure in (undefined(name='figures') if l_0_figures is missing else l_0_figures):
        _loop_vars = {}
        pass
        template = environment.get_template('partials/figure.html', 'figures.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'figure': l_1_figure, 'embeds_listed': l_0_embeds_listed, 'figures': l_0_figures, 'groups': l_0_groups}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
    l_1_figure = missing
    yield '  </div>\n</section>\n'
    template = environment.get_template('partials/embed-script-once.html', 'figures.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'embeds_listed': l_0_embeds_listed, 'figures': l_0_figures, 'groups': l_0_groups}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    template = environment.get_template('partials/corrections.html', 'figures.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'embeds_listed': l_0_embeds_listed, 'figures': l_0_figures, 'groups': l_0_groups}))
    try:
        for event in gen:
            yield event
    finally: gen.close()

blocks = {'content': block_content}
debug_info = '1=12&2=17&4=40&5=48&7=50&8=52&9=54&10=56&12=59&13=62&15=70&16=72&17=75&18=80&26=93&28=95&29=98&33=106&34=112'
