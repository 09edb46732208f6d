from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'redirect.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_config = resolve('config')
    l_0_absolute_url = resolve('absolute_url')
    l_0_target = resolve('target')
    l_0_url = resolve('url')
    l_0_page_language = resolve('page_language')
    l_0_page_direction = resolve('page_direction')
    l_0_title = resolve('title')
    l_0_description = resolve('description')
    l_0_asset = resolve('asset')
    l_0_ui = resolve('ui')
    l_0_where = l_0_link = missing
    try:
        t_1 = environment.filters['fill']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'fill' found.")
    pass
    yield '<!doctype html>\n'
    l_0_where = (context.call((undefined(name='absolute_url') if l_0_absolute_url is missing else l_0_absolute_url), (undefined(name='target') if l_0_target is missing else l_0_target)) if environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'base_url') else context.call((undefined(name='url') if l_0_url is missing else l_0_url), (undefined(name='target') if l_0_target is missing else l_0_target)))
    context.vars['where'] = l_0_where
    context.exported_vars.add('where')
    yield '<html lang="'
    yield escape((undefined(name='page_language') if l_0_page_language is missing else l_0_page_language))
    yield '"'
    if (undefined(name='page_direction') if l_0_page_direction is missing else l_0_page_direction):
        pass
        yield ' dir="'
        yield escape((undefined(name='page_direction') if l_0_page_direction is missing else l_0_page_direction))
        yield '"'
    yield '>\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'none\'; style-src \'self\'; img-src \'self\' data:; object-src \'none\'; base-uri \'self\'; form-action \'self\'">\n<meta http-equiv="refresh" content="0; url='
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), (undefined(name='target') if l_0_target is missing else l_0_target)))
    yield '">\n<title>'
    yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
    yield ' | '
    yield escape(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'title'))
    yield '</title>\n<meta name="description" content="'
    yield escape((undefined(name='description') if l_0_description is missing else l_0_description))
    yield '">\n<meta name="robots" content="noindex">\n<link rel="canonical" href="'
    yield escape((undefined(name='where') if l_0_where is missing else l_0_where))
    yield '">\n<link rel="stylesheet" href="'
    yield escape(context.call((undefined(name='asset') if l_0_asset is missing else l_0_asset), 'style.css'))
    yield '">\n</head>\n<body>\n<main id="main">\n<h1>'
    yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
    yield '</h1>\n'
    l_1_name = resolve('name')
    l_1_item = resolve('item')
    t_2 = []
    pass
    t_2.extend((
        '<a href="',
        escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), (undefined(name='target') if l_0_target is missing else l_0_target))),
        '">',
        escape(context.call((undefined(name='name') if l_1_name is missing else l_1_name), (undefined(name='item') if l_1_item is missing else l_1_item))),
        '</a>',
    ))
    l_0_link = (Markup if context.eval_ctx.autoescape else identity)(concat(t_2))
    context.vars['link'] = l_0_link
    context.exported_vars.add('link')
    l_1_name = l_1_item = missing
    yield '<p>'
    yield escape(t_1(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'redirect.moved'), link=(undefined(name='link') if l_0_link is missing else l_0_link)))
    yield '</p>\n</main>\n</body>\n</html>\n'

blocks = {}
debug_info = '4=29&5=33&10=41&11=43&12=47&14=49&15=51&19=53&20=61&21=71'
