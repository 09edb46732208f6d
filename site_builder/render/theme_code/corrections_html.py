from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'corrections.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'corrections.html')
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
    l_0_config = resolve('config')
    l_0_feed_link = resolve('feed_link')
    l_0_ui = resolve('ui')
    l_0_all_corrections = resolve('all_corrections')
    l_0_corrections = missing
    try:
        t_1 = environment.filters['date_words']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'date_words' found.")
    try:
        t_2 = environment.filters['fill']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'fill' found.")
    try:
        t_3 = environment.filters['noun']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'noun' found.")
    pass
    yield '<h1>'
    yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
    yield '</h1>\n<p class="lede">'
    yield escape((undefined(name='description') if l_0_description is missing else l_0_description))
    yield '</p>\n'
    if environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'base_url'):
        pass
        l_1_url = resolve('url')
        t_4 = []
        pass
        t_4.extend((
            '<a href="',
            escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), '/feed.xml')),
            '" type="application/atom+xml">',
            escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'corrections.feed_link')),
            '</a>',
        ))
        l_0_feed_link = (Markup if context.eval_ctx.autoescape else identity)(concat(t_4))
        _block_vars['feed_link'] = l_0_feed_link
        l_1_url = missing
        yield '<p class="feed-link">'
        yield escape(t_2(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'corrections.feed'), link=(undefined(name='feed_link') if l_0_feed_link is missing else l_0_feed_link)))
        yield '</p>\n'
    l_0_corrections = context.call((undefined(name='all_corrections') if l_0_all_corrections is missing else l_0_all_corrections), _block_vars=_block_vars)
    _block_vars['corrections'] = l_0_corrections
    if (undefined(name='corrections') if l_0_corrections is missing else l_0_corrections):
        pass
        yield '<ul class="corrections-list">\n'
        for (l_1_correction, l_1_entry) in (undefined(name='corrections') if l_0_corrections is missing else l_0_corrections):
            l_1_url = resolve('url')
            l_1_claim = resolve('claim')
            _loop_vars = {}
            pass
            yield '  <li><time datetime="'
            yield escape(environment.getattr(environment.getattr(l_1_correction, 'date'), 'machine'))
            yield '">'
            yield escape(t_1(environment.getattr(l_1_correction, 'date')))
            yield '</time>: <a href="'
            yield escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), l_1_entry, _loop_vars=_loop_vars))
            yield '">'
            yield escape(context.call((undefined(name='claim') if l_1_claim is missing else l_1_claim), l_1_entry, _loop_vars=_loop_vars))
            yield '</a> <span class="kind">('
            yield escape(t_3(environment.getattr(l_1_entry, 'kind')))
            yield ')</span>\n    <p>'
            yield escape(environment.getattr(l_1_correction, 'text'))
            yield '</p></li>\n'
        l_1_correction = l_1_entry = l_1_url = l_1_claim = missing
        yield '</ul>\n'
    else:
        pass
        yield '<p>'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'corrections.none'))
        yield '</p>\n'

blocks = {'content': block_content}
debug_info = '1=12&2=17&3=51&4=53&5=55&6=62&7=71&9=73&10=75&12=78&13=84&14=94&18=101'
