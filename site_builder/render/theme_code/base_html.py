from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'base.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_page_language = resolve('page_language')
    l_0_page_direction = resolve('page_direction')
    l_0_config = resolve('config')
    l_0_description = resolve('description')
    l_0_is_draft = resolve('is_draft')
    l_0_item = resolve('item')
    l_0_canonical = resolve('canonical')
    l_0_asset = resolve('asset')
    l_0_site = resolve('site')
    l_0_url = resolve('url')
    l_0_ui = resolve('ui')
    l_0_oembed_link = resolve('oembed_link')
    l_0_page_url = resolve('page_url')
    l_0_title = resolve('title')
    l_0_offers_embeds = resolve('offers_embeds')
    l_0_oembed = missing
    try:
        t_1 = environment.filters['fill']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'fill' found.")
    pass
    yield '<!doctype html>\n<html lang="'
    yield escape((undefined(name='page_language') if l_0_page_language is missing else l_0_page_language))
    yield '"'
    if (undefined(name='page_direction') if l_0_page_direction is missing else l_0_page_direction):
        pass
        yield ' dir="'
        yield escape((undefined(name='page_direction') if l_0_page_direction is missing else l_0_page_direction))
        yield '"'
    yield '>\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\''
    if environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'search'):
        pass
        yield " 'wasm-unsafe-eval'"
    yield '; style-src \'self\'; img-src \'self\' data:; object-src \'none\'; base-uri \'self\'; form-action \'self\'">\n<title>'
    yield from context.blocks['title'][0](context)
    yield '</title>\n<meta name="description" content="'
    yield escape((undefined(name='description') if l_0_description is missing else l_0_description))
    yield '">\n'
    if context.call((undefined(name='is_draft') if l_0_is_draft is missing else l_0_is_draft), (undefined(name='item') if l_0_item is missing else l_0_item)):
        pass
        yield '<meta name="robots" content="noindex">\n'
    if (undefined(name='canonical') if l_0_canonical is missing else l_0_canonical):
        pass
        yield '<link rel="canonical" href="'
        yield escape((undefined(name='canonical') if l_0_canonical is missing else l_0_canonical))
        yield '">\n'
    yield '<link rel="stylesheet" href="'
    yield escape(context.call((undefined(name='asset') if l_0_asset is missing else l_0_asset), 'style.css'))
    yield '">'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'media'):
        pass
        yield '<link rel="stylesheet" href="'
        yield escape(context.call((undefined(name='asset') if l_0_asset is missing else l_0_asset), 'pictures.css'))
        yield '">'
    yield '\n<link rel="icon" href="'
    yield escape(context.call((undefined(name='asset') if l_0_asset is missing else l_0_asset), 'favicon.svg'))
    yield '" type="image/svg+xml">\n'
    if environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'base_url'):
        pass
        yield '<link rel="alternate" type="application/atom+xml" href="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/feed.xml'))
        yield '" title="'
        yield escape(t_1(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'feed.title'), site_title=environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'title')))
        yield '">\n'
    l_0_oembed = context.call((undefined(name='oembed_link') if l_0_oembed_link is missing else l_0_oembed_link), (undefined(name='page_url') if l_0_page_url is missing else l_0_page_url))
    context.vars['oembed'] = l_0_oembed
    context.exported_vars.add('oembed')
    if (undefined(name='oembed') if l_0_oembed is missing else l_0_oembed):
        pass
        yield '<link rel="alternate" type="application/json+oembed" href="'
        yield escape((undefined(name='oembed') if l_0_oembed is missing else l_0_oembed))
        yield '" title="'
        yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
        yield '">\n'
    template = environment.get_template('partials/meta.html', 'base.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'oembed': l_0_oembed}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield from context.blocks['head'][0](context)
    yield '</head>\n<body>\n<a class="skip-link" href="#main">'
    yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'page.skip_link'))
    yield '</a>\n'
    yield from context.blocks['header'][0](context)
    yield from context.blocks['main'][0](context)
    yield from context.blocks['footer'][0](context)
    if context.call((undefined(name='offers_embeds') if l_0_offers_embeds is missing else l_0_offers_embeds), (undefined(name='page_url') if l_0_page_url is missing else l_0_page_url)):
        pass
        yield '<script src="'
        yield escape(context.call((undefined(name='asset') if l_0_asset is missing else l_0_asset), 'copy.js'))
        yield '" data-copy="'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'embed.copy'))
        yield '" data-copied="'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'embed.copied'))
        yield '" data-failed="'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'embed.copy_failed'))
        yield '" defer></script>\n'
    yield from context.blocks['scripts'][0](context)
    yield '</body>\n</html>\n'

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_title = resolve('title')
    l_0_config = resolve('config')
    pass
    yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
    yield ' | '
    yield escape(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'title'))

def block_head(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_header(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site_nav = missing
    pass
    t_2 = []
    pass
    gen = context.blocks['nav'][0](context)
    try:
        for event in gen:
            t_2.append(event)
    finally: gen.close()
    l_0_site_nav = (Markup if context.eval_ctx.autoescape else identity)(concat(t_2))
    _block_vars['site_nav'] = l_0_site_nav
    template = environment.get_template('partials/header.html', 'base.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'site_nav': l_0_site_nav}))
    try:
        for event in gen:
            yield event
    finally: gen.close()

def block_nav(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    template = environment.get_template('partials/nav.html', 'base.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_is_draft = resolve('is_draft')
    l_0_item = resolve('item')
    pass
    yield '<main id="main" tabindex="-1">\n'
    if context.call((undefined(name='is_draft') if l_0_is_draft is missing else l_0_is_draft), (undefined(name='item') if l_0_item is missing else l_0_item), _block_vars=_block_vars):
        pass
        template = environment.get_template('partials/draft-banner.html', 'base.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
    yield from context.blocks['content'][0](context)
    yield from context.blocks['aside'][0](context)
    yield '</main>\n'

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_aside(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_footer(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    template = environment.get_template('partials/footer.html', 'base.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()

def block_scripts(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

blocks = {'title': block_title, 'head': block_head, 'header': block_header, 'nav': block_nav, 'main': block_main, 'content': block_content, 'aside': block_aside, 'footer': block_footer, 'scripts': block_scripts}
debug_info = '2=34&6=42&7=46&8=48&9=50&12=53&13=56&15=59&16=67&17=69&18=72&20=76&21=79&22=82&24=86&25=92&28=94&29=96&34=97&43=98&46=99&47=102&49=110&7=113&25=127&29=136&31=149&32=154&31=161&34=176&36=187&37=189&39=195&40=196&39=199&40=208&43=217&44=225&49=232'
