from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/place-card.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_url = resolve('url')
    l_0_place = resolve('place')
    l_0_is_draft = resolve('is_draft')
    l_0_ui = resolve('ui')
    l_0_name = resolve('name')
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
    yield '  <li class="card">\n    <h3 class="card-title"><a href="'
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), (undefined(name='place') if l_0_place is missing else l_0_place)))
    yield '">'
    yield escape(environment.getattr((undefined(name='place') if l_0_place is missing else l_0_place), 'name'))
    yield '</a>'
    if context.call((undefined(name='is_draft') if l_0_is_draft is missing else l_0_is_draft), (undefined(name='place') if l_0_place is missing else l_0_place)):
        pass
        yield ' '
        template = environment.get_template('partials/draft-label.html', 'partials/place-card.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
    yield '</h3>\n    <p class="card-role">'
    if environment.getattr((undefined(name='place') if l_0_place is missing else l_0_place), 'part_of'):
        pass
        yield escape(t_2(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'places.card_kind_in'), kind=t_1(environment.getattr((undefined(name='place') if l_0_place is missing else l_0_place), 'place_kind')), place=context.call((undefined(name='name') if l_0_name is missing else l_0_name), environment.getattr((undefined(name='place') if l_0_place is missing else l_0_place), 'part_of'))))
    else:
        pass
        yield escape(t_1(environment.getattr((undefined(name='place') if l_0_place is missing else l_0_place), 'place_kind')))
    yield '</p>\n    <p>'
    yield escape(environment.getattr((undefined(name='place') if l_0_place is missing else l_0_place), 'summary'))
    yield '</p>\n  </li>\n'

blocks = {}
debug_info = '3=29&4=43&5=50'
