from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'page.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'page.html')
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
    l_0_item = resolve('item')
    l_0_picture = resolve('picture')
    l_0_content_sizes = resolve('content_sizes')
    l_0_body = resolve('body')
    l_0_lead_picture = missing
    pass
    yield '<article class="prose">\n  <h1>'
    yield escape(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'title'))
    yield '</h1>\n'
    if environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'summary'):
        pass
        yield '  <p class="lede">'
        yield escape(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'summary'))
        yield '</p>\n'
    l_0_lead_picture = context.call((undefined(name='picture') if l_0_picture is missing else l_0_picture), (undefined(name='item') if l_0_item is missing else l_0_item), _block_vars=_block_vars)
    _block_vars['lead_picture'] = l_0_lead_picture
    if (undefined(name='lead_picture') if l_0_lead_picture is missing else l_0_lead_picture):
        pass
        l_1_picture = (undefined(name='lead_picture') if l_0_lead_picture is missing else l_0_lead_picture)
        l_1_lead = True
        l_1_sizes = (undefined(name='content_sizes') if l_0_content_sizes is missing else l_0_content_sizes)
        l_1_picture_class = 'lead-picture'
        pass
        template = environment.get_template('partials/picture.html', 'page.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'lead': l_1_lead, 'picture': l_1_picture, 'picture_class': l_1_picture_class, 'sizes': l_1_sizes, 'lead_picture': l_0_lead_picture}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        l_1_picture = l_1_lead = l_1_sizes = l_1_picture_class = missing
    yield '  '
    yield escape(context.call((undefined(name='body') if l_0_body is missing else l_0_body), (undefined(name='item') if l_0_item is missing else l_0_item), _block_vars=_block_vars))
    yield '\n</article>\n'
    template = environment.get_template('partials/corrections.html', 'page.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'lead_picture': l_0_lead_picture}))
    try:
        for event in gen:
            yield event
    finally: gen.close()

blocks = {'content': block_content}
debug_info = '1=12&2=17&4=31&5=33&6=36&8=38&9=40&10=47&12=55&14=57'
