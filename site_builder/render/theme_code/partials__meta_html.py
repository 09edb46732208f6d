from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/meta.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_alternates = resolve('alternates')
    l_0_item = resolve('item')
    l_0_config = resolve('config')
    l_0_title = resolve('title')
    l_0_description = resolve('description')
    l_0_page_language = resolve('page_language')
    l_0_canonical = resolve('canonical')
    l_0_picture = resolve('picture')
    l_0_social_card = resolve('social_card')
    l_0_share_url = resolve('share_url')
    l_0_share = resolve('share')
    l_0_structured_data = resolve('structured_data')
    l_0_page_url = resolve('page_url')
    l_0_share_picture = l_0_card = missing
    try:
        t_1 = environment.filters['default']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'default' found.")
    try:
        t_2 = environment.filters['first']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'first' found.")
    try:
        t_3 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    try:
        t_4 = environment.filters['tojson']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'tojson' found.")
    try:
        t_5 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    pass
    l_1_loop = missing
    for l_1_alternate, l_1_loop in LoopContext(t_1((undefined(name='alternates') if l_0_alternates is missing else l_0_alternates), ()), undefined):
        _loop_vars = {}
        pass
        yield '<link rel="alternate" hreflang="'
        yield escape(environment.getattr(l_1_alternate, 'language'))
        yield '" href="'
        yield escape(environment.getattr(l_1_alternate, 'absolute'))
        yield '">\n'
        if environment.getattr(l_1_loop, 'last'):
            pass
            yield '<link rel="alternate" hreflang="x-default" href="'
            yield escape(environment.getattr(t_2(environment, (undefined(name='alternates') if l_0_alternates is missing else l_0_alternates)), 'absolute'))
            yield '">\n'
    l_1_loop = l_1_alternate = missing
    yield '<meta property="og:type" content="'
    yield escape(('article' if (undefined(name='item') if l_0_item is missing else l_0_item) else 'website'))
    yield '">\n<meta property="og:site_name" content="'
    yield escape(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'title'))
    yield '">\n<meta property="og:title" content="'
    yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
    yield '">\n<meta property="og:description" content="'
    yield escape((undefined(name='description') if l_0_description is missing else l_0_description))
    yield '">\n<meta property="og:locale" content="'
    yield escape(t_3(context.eval_ctx, (undefined(name='page_language') if l_0_page_language is missing else l_0_page_language), '-', '_'))
    yield '">\n'
    if (undefined(name='canonical') if l_0_canonical is missing else l_0_canonical):
        pass
        yield '<meta property="og:url" content="'
        yield escape((undefined(name='canonical') if l_0_canonical is missing else l_0_canonical))
        yield '">\n'
    if ((undefined(name='item') if l_0_item is missing else l_0_item) and environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'updated')):
        pass
        yield '<meta property="article:modified_time" content="'
        yield escape(environment.getattr(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'updated'), 'machine'))
        yield '">\n'
    l_0_share_picture = context.call((undefined(name='picture') if l_0_picture is missing else l_0_picture), (undefined(name='item') if l_0_item is missing else l_0_item))
    context.vars['share_picture'] = l_0_share_picture
    context.exported_vars.add('share_picture')
    l_0_card = ((undefined(name='social_card') if l_0_social_card is missing else l_0_social_card) if t_5((undefined(name='social_card') if l_0_social_card is missing else l_0_social_card)) else None)
    context.vars['card'] = l_0_card
    context.exported_vars.add('card')
    if (((undefined(name='share_picture') if l_0_share_picture is missing else l_0_share_picture) and environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'base_url')) and (environment.getattr((undefined(name='share_picture') if l_0_share_picture is missing else l_0_share_picture), 'mime_type') != 'image/svg+xml')):
        pass
        l_0_share_url = markup_join((environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'base_url'), context.call(environment.getattr(environment.getattr((undefined(name='share_picture') if l_0_share_picture is missing else l_0_share_picture), 'src'), 'lstrip'), '/'), ))
        context.vars['share_url'] = l_0_share_url
        context.exported_vars.add('share_url')
        l_0_share = {'url': (undefined(name='share_url') if l_0_share_url is missing else l_0_share_url), 'type': environment.getattr((undefined(name='share_picture') if l_0_share_picture is missing else l_0_share_picture), 'mime_type'), 'width': environment.getattr((undefined(name='share_picture') if l_0_share_picture is missing else l_0_share_picture), 'width'), 'height': environment.getattr((undefined(name='share_picture') if l_0_share_picture is missing else l_0_share_picture), 'height'), 'alt': environment.getattr((undefined(name='share_picture') if l_0_share_picture is missing else l_0_share_picture), 'alt')}
        context.vars['share'] = l_0_share
        context.exported_vars.add('share')
    elif (undefined(name='card') if l_0_card is missing else l_0_card):
        pass
        l_0_share = {'url': environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'url'), 'type': 'image/png', 'width': environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'width'), 'height': environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'height'), 'alt': environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'alt')}
        context.vars['share'] = l_0_share
        context.exported_vars.add('share')
    else:
        pass
        l_0_share = None
        context.vars['share'] = l_0_share
        context.exported_vars.add('share')
    if (undefined(name='share') if l_0_share is missing else l_0_share):
        pass
        yield '<meta property="og:image" content="'
        yield escape(environment.getattr((undefined(name='share') if l_0_share is missing else l_0_share), 'url'))
        yield '">\n<meta property="og:image:type" content="'
        yield escape(environment.getattr((undefined(name='share') if l_0_share is missing else l_0_share), 'type'))
        yield '">\n<meta property="og:image:width" content="'
        yield escape(environment.getattr((undefined(name='share') if l_0_share is missing else l_0_share), 'width'))
        yield '">\n<meta property="og:image:height" content="'
        yield escape(environment.getattr((undefined(name='share') if l_0_share is missing else l_0_share), 'height'))
        yield '">\n<meta property="og:image:alt" content="'
        yield escape(environment.getattr((undefined(name='share') if l_0_share is missing else l_0_share), 'alt'))
        yield '">\n<meta name="twitter:card" content="summary_large_image">\n<meta name="twitter:image" content="'
        yield escape(environment.getattr((undefined(name='share') if l_0_share is missing else l_0_share), 'url'))
        yield '">\n<meta name="twitter:image:alt" content="'
        yield escape(environment.getattr((undefined(name='share') if l_0_share is missing else l_0_share), 'alt'))
        yield '">\n'
    else:
        pass
        yield '<meta name="twitter:card" content="summary">\n'
    yield '<meta name="twitter:title" content="'
    yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
    yield '">\n<meta name="twitter:description" content="'
    yield escape((undefined(name='description') if l_0_description is missing else l_0_description))
    yield '">\n<script type="application/ld+json">'
    yield escape(t_4(context.eval_ctx, context.call((undefined(name='structured_data') if l_0_structured_data is missing else l_0_structured_data), (undefined(name='item') if l_0_item is missing else l_0_item), (undefined(name='title') if l_0_title is missing else l_0_title), (undefined(name='description') if l_0_description is missing else l_0_description), (undefined(name='page_url') if l_0_page_url is missing else l_0_page_url), t_1((undefined(name='share_url') if l_0_share_url is missing else l_0_share_url), ''))))
    yield '</script>\n'

blocks = {}
debug_info = '3=56&4=60&5=64&6=67&9=71&10=73&11=75&12=77&13=79&14=81&15=84&17=86&18=89&23=91&24=94&25=97&26=99&27=102&29=105&30=107&33=112&35=115&36=118&37=120&38=122&39=124&40=126&42=128&43=130&47=136&48=138&50=140'
