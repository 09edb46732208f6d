from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'people.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'people.html')
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
    l_0_items = resolve('items')
    pass
    yield '<header class="page-head">\n  <h1>'
    yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
    yield '</h1>\n  <p class="lede">'
    yield escape((undefined(name='description') if l_0_description is missing else l_0_description))
    yield '</p>\n</header>\n<ul class="cards">\n'
    for l_1_person in context.call((undefined(name='items') if l_0_items is missing else l_0_items), 'people', _block_vars=_block_vars):
        _loop_vars = {}
        pass
        template = environment.get_template('partials/person-card.html', 'people.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'person': l_1_person}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
    l_1_person = missing
    yield '</ul>\n'

blocks = {'content': block_content}
debug_info = '1=12&2=17&4=29&5=31&8=33&9=36'
