from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'place.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('profile.html', 'place.html')
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
    l_0_part_of_link = resolve('part_of_link')
    l_0_ui = resolve('ui')
    try:
        t_1 = environment.filters['capitalize']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'capitalize' found.")
    try:
        t_2 = environment.filters['fill']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'fill' found.")
    pass
    if environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'part_of'):
        pass
        l_1_url = resolve('url')
        l_1_link_lang = resolve('link_lang')
        l_1_name = resolve('name')
        t_3 = []
        pass
        t_3.extend((
            '<a href="',
            escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'part_of'))),
            '"',
            escape(context.call((undefined(name='link_lang') if l_1_link_lang is missing else l_1_link_lang), environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'part_of'))),
            '>',
            escape(context.call((undefined(name='name') if l_1_name is missing else l_1_name), environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'part_of'))),
            '</a>',
        ))
        l_0_part_of_link = (Markup if context.eval_ctx.autoescape else identity)(concat(t_3))
        _block_vars['part_of_link'] = l_0_part_of_link
        l_1_url = l_1_link_lang = l_1_name = missing
        yield '    <p class="lede">'
        yield escape(t_2(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'place.kind_in'), kind=t_1(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'place_kind')), place=(undefined(name='part_of_link') if l_0_part_of_link is missing else l_0_part_of_link)))
        yield '</p>\n'
    else:
        pass
        yield '    <p class="lede">'
        yield escape(t_1(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'place_kind')))
        yield '</p>\n'

def block_facts(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_item = resolve('item')
    l_0_ui = resolve('ui')
    l_0_containing_places = resolve('containing_places')
    l_0_backlinks = resolve('backlinks')
    l_0_place_locator = resolve('place_locator')
    l_0_items = resolve('items')
    l_0_url = resolve('url')
    l_0_within = missing
    try:
        t_2 = environment.filters['fill']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'fill' found.")
    try:
        t_4 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
    pass
    if environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'part_of'):
        pass
        yield '    <h2>'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'place.lies_within'))
        yield '</h2>\n    <ol class="relations">\n'
        for l_1_place in context.call((undefined(name='containing_places') if l_0_containing_places is missing else l_0_containing_places), (undefined(name='item') if l_0_item is missing else l_0_item), _block_vars=_block_vars):
            _loop_vars = {}
            pass
            yield '      <li><a href="'
            yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), l_1_place, _loop_vars=_loop_vars))
            yield '">'
            yield escape(environment.getattr(l_1_place, 'name'))
            yield '</a> <span class="kind">('
            yield escape(environment.getattr(l_1_place, 'place_kind'))
            yield ')</span></li>\n'
        l_1_place = missing
        yield '    </ol>\n'
    l_0_within = context.call((undefined(name='backlinks') if l_0_backlinks is missing else l_0_backlinks), (undefined(name='item') if l_0_item is missing else l_0_item), 'part_of', _block_vars=_block_vars)
    _block_vars['within'] = l_0_within
    if (undefined(name='within') if l_0_within is missing else l_0_within):
        pass
        yield '    <h2>'
        yield escape(t_2(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'place.places_within'), name=environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'name')))
        yield '</h2>\n    <ul class="relations">\n'
        for (l_1_place, l_1_label) in (undefined(name='within') if l_0_within is missing else l_0_within):
            _loop_vars = {}
            pass
            yield '      <li><a href="'
            yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), l_1_place, _loop_vars=_loop_vars))
            yield '">'
            yield escape(environment.getattr(l_1_place, 'name'))
            yield '</a> <span class="kind">('
            yield escape(environment.getattr(l_1_place, 'place_kind'))
            yield ')</span></li>\n'
        l_1_place = l_1_label = missing
        yield '    </ul>\n'
    if environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'coordinates'):
        pass
        yield '    <h2>'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'place.location'))
        yield '</h2>\n    <p class="coordinates">'
        yield escape(t_2(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'place.coordinates'), latitude=t_4('%.2f', environment.getitem(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'coordinates'), 0)), longitude=t_4('%.2f', environment.getitem(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'coordinates'), 1))))
        yield '</p>\n    <figure class="chart-figure place-locator">'
        yield escape(context.call((undefined(name='place_locator') if l_0_place_locator is missing else l_0_place_locator), (undefined(name='item') if l_0_item is missing else l_0_item), context.call((undefined(name='items') if l_0_items is missing else l_0_items), 'places', _block_vars=_block_vars), (undefined(name='url') if l_0_url is missing else l_0_url), _block_vars=_block_vars))
        yield '</figure>\n'

blocks = {'lede': block_lede, 'facts': block_facts}
debug_info = '1=12&3=17&4=40&5=49&6=60&8=65&11=68&12=96&13=99&15=101&16=105&20=113&21=115&22=118&24=120&25=124&29=132&30=135&31=137&32=139'
