from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'places.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_place_list = missing
    pass
    parent_template = environment.get_template('base.html', 'places.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    def macro(l_1_nodes):
        t_1 = []
        if l_1_nodes is missing:
            l_1_nodes = undefined("parameter 'nodes' was not provided", name='nodes')
        pass
        t_1.append(
            '<ul>\n',
        )
        for (l_2_place, l_2_children) in l_1_nodes:
            l_2_url = resolve('url')
            _loop_vars = {}
            pass
            t_1.extend((
                '  <li><a href="',
                escape(context.call((undefined(name='url') if l_2_url is missing else l_2_url), l_2_place, _loop_vars=_loop_vars)),
                '">',
                escape(environment.getattr(l_2_place, 'name')),
                '</a> <span class="kind">(',
                escape(environment.getattr(l_2_place, 'place_kind')),
                ')</span>',
            ))
            if l_2_children:
                pass
                t_1.append(
                    escape(context.call((undefined(name='place_list') if l_0_place_list is missing else l_0_place_list), l_2_children, _loop_vars=_loop_vars)),
                )
            t_1.append(
                '</li>\n',
            )
        l_2_place = l_2_children = l_2_url = missing
        t_1.append(
            '</ul>\n',
        )
        return concat(t_1)
    context.exported_vars.add('place_list')
    context.vars['place_list'] = l_0_place_list = Macro(environment, macro, 'place_list', ('nodes',), False, False, False, context.eval_ctx.autoescape)
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
    l_0_items = resolve('items')
    l_0_places_diagram = resolve('places_diagram')
    l_0_url = resolve('url')
    l_0_locator_map = resolve('locator_map')
    l_0_ui = resolve('ui')
    l_0_place_list = resolve('place_list')
    l_0_places_tree = resolve('places_tree')
    l_0_places = l_0_diagram = l_0_map = missing
    try:
        t_2 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
    pass
    yield '<header class="page-head">\n  <h1>'
    yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
    yield '</h1>\n  <p class="lede">'
    yield escape((undefined(name='description') if l_0_description is missing else l_0_description))
    yield '</p>\n</header>\n'
    l_0_places = context.call((undefined(name='items') if l_0_items is missing else l_0_items), 'places', _block_vars=_block_vars)
    _block_vars['places'] = l_0_places
    l_0_diagram = context.call((undefined(name='places_diagram') if l_0_places_diagram is missing else l_0_places_diagram), (undefined(name='places') if l_0_places is missing else l_0_places), (undefined(name='url') if l_0_url is missing else l_0_url), _block_vars=_block_vars)
    _block_vars['diagram'] = l_0_diagram
    l_0_map = context.call((undefined(name='locator_map') if l_0_locator_map is missing else l_0_locator_map), (undefined(name='places') if l_0_places is missing else l_0_places), (undefined(name='url') if l_0_url is missing else l_0_url), _block_vars=_block_vars)
    _block_vars['map'] = l_0_map
    if ((undefined(name='diagram') if l_0_diagram is missing else l_0_diagram) or (undefined(name='map') if l_0_map is missing else l_0_map)):
        pass
        yield '<div class="place-pictures">\n'
        if (undefined(name='diagram') if l_0_diagram is missing else l_0_diagram):
            pass
            yield '  <figure class="chart-figure">\n    '
            yield escape((undefined(name='diagram') if l_0_diagram is missing else l_0_diagram))
            yield '\n    <figcaption>\n      <p>'
            yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'places.tree_caption'))
            yield '</p>\n      <div class="tree">'
            yield escape(context.call((undefined(name='place_list') if l_0_place_list is missing else l_0_place_list), context.call((undefined(name='places_tree') if l_0_places_tree is missing else l_0_places_tree), (undefined(name='places') if l_0_places is missing else l_0_places), _block_vars=_block_vars), _block_vars=_block_vars))
            yield '</div>\n    </figcaption>\n  </figure>\n'
        if (undefined(name='map') if l_0_map is missing else l_0_map):
            pass
            yield '  <figure class="chart-figure">\n    '
            yield escape((undefined(name='map') if l_0_map is missing else l_0_map))
            yield '\n    <figcaption>\n      <p>'
            yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'places.map_caption'))
            yield '</p>\n      <ul>\n'
            def t_3(fiter):
                for l_1_place in fiter:
                    if environment.getattr(l_1_place, 'coordinates'):
                        yield l_1_place
            for l_1_place in t_3((undefined(name='places') if l_0_places is missing else l_0_places)):
                _loop_vars = {}
                pass
                yield '        <li><a href="'
                yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), l_1_place, _loop_vars=_loop_vars))
                yield '">'
                yield escape(environment.getattr(l_1_place, 'name'))
                yield '</a>: '
                yield escape(t_2('%.2f', environment.getitem(environment.getattr(l_1_place, 'coordinates'), 0)))
                yield ', '
                yield escape(t_2('%.2f', environment.getitem(environment.getattr(l_1_place, 'coordinates'), 1)))
                yield '</li>\n'
            l_1_place = missing
            yield '      </ul>\n    </figcaption>\n  </figure>\n'
        yield '</div>\n'
    yield '<section aria-labelledby="all-places">\n  <h2 id="all-places">'
    yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'places.every_place'))
    yield '</h2>\n  <ul class="cards">\n'
    for l_1_place in (undefined(name='places') if l_0_places is missing else l_0_places):
        _loop_vars = {}
        pass
        template = environment.get_template('partials/place-card.html', 'places.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'place': l_1_place, 'diagram': l_0_diagram, 'map': l_0_map, 'places': l_0_places}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
    l_1_place = missing
    yield '  </ul>\n</section>\n'

blocks = {'content': block_content}
debug_info = '1=13&2=16&4=24&5=30&9=54&11=79&12=81&14=83&15=85&16=87&17=89&19=92&21=95&23=97&24=99&28=101&30=104&32=106&34=108&35=116&44=128&46=130&47=133'
