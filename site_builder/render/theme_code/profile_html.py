from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'profile.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'profile.html')
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
    l_0_url = resolve('url')
    l_0_item = resolve('item')
    l_0_ui = resolve('ui')
    l_0_config = resolve('config')
    l_0_search_kinds = resolve('search_kinds')
    l_0_picture = resolve('picture')
    l_0_content_sizes = resolve('content_sizes')
    l_0_body = resolve('body')
    l_0_lead_picture = missing
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
    pass
    yield '<article class="profile">\n  <header class="profile-head">\n    <p class="eyebrow"><a href="'
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), markup_join(('/', environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'kind'), '/', )), _block_vars=_block_vars))
    yield '">'
    yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), markup_join((environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'kind'), '.nav', ))))
    yield '</a></p>\n    <h1'
    if environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'search'):
        pass
        yield ' data-pagefind-meta="kind:'
        yield escape(environment.getitem((undefined(name='search_kinds') if l_0_search_kinds is missing else l_0_search_kinds), environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'kind')))
        yield '"'
    yield '>'
    yield escape(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'name'))
    yield '</h1>\n'
    yield from context.blocks['lede'][0](context)
    yield '  </header>\n  <div class="profile-body prose">\n'
    l_0_lead_picture = context.call((undefined(name='picture') if l_0_picture is missing else l_0_picture), (undefined(name='item') if l_0_item is missing else l_0_item), _block_vars=_block_vars)
    _block_vars['lead_picture'] = l_0_lead_picture
    if (undefined(name='lead_picture') if l_0_lead_picture is missing else l_0_lead_picture):
        pass
        l_1_picture = (undefined(name='lead_picture') if l_0_lead_picture is missing else l_0_lead_picture)
        l_1_lead = True
        l_1_sizes = (undefined(name='content_sizes') if l_0_content_sizes is missing else l_0_content_sizes)
        l_1_picture_class = 'lead-picture'
        pass
        template = environment.get_template('partials/picture.html', 'profile.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'lead': l_1_lead, 'picture': l_1_picture, 'picture_class': l_1_picture_class, 'sizes': l_1_sizes, 'lead_picture': l_0_lead_picture}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        l_1_picture = l_1_lead = l_1_sizes = l_1_picture_class = missing
    yield '    <p class="summary">'
    yield escape(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'summary'))
    yield '</p>\n'
    if environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'aliases'):
        pass
        yield '    <p class="aliases">'
        yield escape(t_1(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'profile.also_called'), aliases=t_2(context.eval_ctx, environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'aliases'), ', ')))
        yield '</p>\n'
    yield '    '
    yield escape(context.call((undefined(name='body') if l_0_body is missing else l_0_body), (undefined(name='item') if l_0_item is missing else l_0_item), _block_vars=_block_vars))
    yield '\n'
    yield from context.blocks['in_body'][0](context)
    template = environment.get_template('partials/mentions.html', 'profile.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'lead_picture': l_0_lead_picture}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '  </div>\n  <aside class="profile-facts" aria-label="'
    yield escape(t_1(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'profile.facts_label'), name=environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'name')))
    yield '">\n'
    yield from context.blocks['facts'][0](context)
    l_1_how = environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'kind')
    pass
    template = environment.get_template('partials/on-timeline.html', 'profile.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'how': l_1_how, 'lead_picture': l_0_lead_picture}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    l_1_how = missing
    yield from context.blocks['facts_end'][0](context)
    yield '  </aside>\n</article>\n'
    l_1_embed_target = (undefined(name='item') if l_0_item is missing else l_0_item)
    pass
    template = environment.get_template('partials/embed-code.html', 'profile.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'embed_target': l_1_embed_target, 'lead_picture': l_0_lead_picture}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    l_1_embed_target = missing
    template = environment.get_template('partials/corrections.html', 'profile.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'lead_picture': l_0_lead_picture}))
    try:
        for event in gen:
            yield event
    finally: gen.close()

def block_lede(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_in_body(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_facts(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_facts_end(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

blocks = {'content': block_content, 'lede': block_lede, 'in_body': block_in_body, 'facts': block_facts, 'facts_end': block_facts_end}
debug_info = '1=12&4=17&7=47&8=51&9=59&12=61&13=63&14=70&16=78&17=80&18=83&20=86&21=88&22=89&24=96&25=98&26=101&27=108&30=112&31=119&9=126&21=135&25=144&27=153'
