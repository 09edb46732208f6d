from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'timeline.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'timeline.html')
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
    l_0_ui = resolve('ui')
    l_0_items = resolve('items')
    l_0_timeline_strip = resolve('timeline_strip')
    l_0_url = resolve('url')
    l_0_events_by_year = resolve('events_by_year')
    l_0_events = missing
    pass
    yield '<header class="page-head">\n  <h1'
    if environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'search'):
        pass
        yield ' data-pagefind-meta="kind:'
        yield escape(environment.getattr((undefined(name='search_kinds') if l_0_search_kinds is missing else l_0_search_kinds), 'timeline'))
        yield '"'
    yield '>'
    yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
    yield '</h1>\n  <p class="lede">'
    yield escape((undefined(name='description') if l_0_description is missing else l_0_description))
    yield ' '
    yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'timeline.lede_inferred'))
    yield '</p>\n</header>\n'
    l_0_events = context.call((undefined(name='items') if l_0_items is missing else l_0_items), 'events', _block_vars=_block_vars)
    _block_vars['events'] = l_0_events
    if (undefined(name='events') if l_0_events is missing else l_0_events):
        pass
        yield '<figure class="chart-figure wide">\n  '
        yield escape(context.call((undefined(name='timeline_strip') if l_0_timeline_strip is missing else l_0_timeline_strip), (undefined(name='events') if l_0_events is missing else l_0_events), (undefined(name='url') if l_0_url is missing else l_0_url), _block_vars=_block_vars))
        yield '\n  <figcaption>'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'timeline.strip_caption'))
        yield '</figcaption>\n</figure>\n'
    l_1_loop = missing
    for (l_1_heading, l_1_group), l_1_loop in LoopContext(context.call((undefined(name='events_by_year') if l_0_events_by_year is missing else l_0_events_by_year), (undefined(name='events') if l_0_events is missing else l_0_events), _block_vars=_block_vars), undefined):
        _loop_vars = {}
        pass
        yield '<section class="timeline-year" aria-labelledby="year-'
        yield escape(environment.getattr(l_1_loop, 'index'))
        yield '">\n  <h2 id="year-'
        yield escape(environment.getattr(l_1_loop, 'index'))
        yield '">'
        yield escape(l_1_heading)
        yield '</h2>\n  <ol class="timeline">\n'
        for l_2_event in l_1_group:
            _loop_vars = {}
            pass
            template = environment.get_template('partials/event.html', 'timeline.html')
            gen = template.root_render_func(template.new_context(context.get_all(), True, {'event': l_2_event, 'group': l_1_group, 'heading': l_1_heading, 'loop': l_1_loop, 'events': l_0_events}))
            try:
                for event in gen:
                    yield event
            finally: gen.close()
        l_2_event = missing
        yield '  </ol>\n</section>\n'
    l_1_loop = l_1_heading = l_1_group = missing
    l_1_embed_target = None
    pass
    template = environment.get_template('partials/embed-code.html', 'timeline.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'embed_target': l_1_embed_target, 'events': l_0_events}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    l_1_embed_target = missing
    template = environment.get_template('partials/corrections.html', 'timeline.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'events': l_0_events}))
    try:
        for event in gen:
            yield event
    finally: gen.close()

blocks = {'content': block_content}
debug_info = '1=12&2=17&4=36&5=44&7=48&8=50&10=53&11=55&14=58&15=62&16=64&18=68&19=71&24=82&25=89'
