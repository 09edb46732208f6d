from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/person-card.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_card_heading = resolve('card_heading')
    l_0_url = resolve('url')
    l_0_person = resolve('person')
    l_0_is_draft = resolve('is_draft')
    l_0_heading = missing
    try:
        t_1 = environment.filters['default']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'default' found.")
    pass
    l_0_heading = t_1((undefined(name='card_heading') if l_0_card_heading is missing else l_0_card_heading), 'h2')
    context.vars['heading'] = l_0_heading
    context.exported_vars.add('heading')
    yield '<li class="card person-card">\n  <'
    yield escape((undefined(name='heading') if l_0_heading is missing else l_0_heading))
    yield ' class="card-title"><a href="'
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), (undefined(name='person') if l_0_person is missing else l_0_person)))
    yield '">'
    yield escape(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'name'))
    yield '</a>'
    if context.call((undefined(name='is_draft') if l_0_is_draft is missing else l_0_is_draft), (undefined(name='person') if l_0_person is missing else l_0_person)):
        pass
        yield ' '
        template = environment.get_template('partials/draft-label.html', 'partials/person-card.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'heading': l_0_heading}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
    yield '</'
    yield escape((undefined(name='heading') if l_0_heading is missing else l_0_heading))
    yield '>\n  <p class="card-role">'
    yield escape(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'role'))
    yield '</p>\n  <p class="card-line">'
    yield escape(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'summary'))
    yield '</p>\n</li>\n'

blocks = {}
debug_info = '1=22&3=26&4=44&5=46'
