from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/on-timeline.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_referrers = resolve('referrers')
    l_0_item = resolve('item')
    l_0_how = resolve('how')
    pass
    l_1_loop = missing
    for l_1_event, l_1_loop in LoopContext(context.call((undefined(name='referrers') if l_0_referrers is missing else l_0_referrers), (undefined(name='item') if l_0_item is missing else l_0_item), 'events', (undefined(name='how') if l_0_how is missing else l_0_how)), undefined):
        l_1_ui = resolve('ui')
        l_1_url = resolve('url')
        l_1_claim = resolve('claim')
        _loop_vars = {}
        pass
        if environment.getattr(l_1_loop, 'first'):
            pass
            yield '    <h2>'
            yield escape(environment.getitem((undefined(name='ui') if l_1_ui is missing else l_1_ui), 'profile.on_timeline'))
            yield '</h2>\n    <ol class="relations">\n'
        yield '      <li><span class="event-date">'
        template = environment.get_template('partials/date.html', 'partials/on-timeline.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'event': l_1_event, 'loop': l_1_loop}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        yield '</span><br><a href="'
        yield escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), l_1_event, _loop_vars=_loop_vars))
        yield '">'
        yield escape(context.call((undefined(name='claim') if l_1_claim is missing else l_1_claim), l_1_event, _loop_vars=_loop_vars))
        yield '</a></li>\n'
        if environment.getattr(l_1_loop, 'last'):
            pass
            yield '    </ol>\n'
    l_1_loop = l_1_event = l_1_ui = l_1_url = l_1_claim = missing

blocks = {}
debug_info = '2=15&3=21&4=24&7=27&8=38'
