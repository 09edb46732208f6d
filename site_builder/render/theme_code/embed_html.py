from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'embed.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_page_language = resolve('page_language')
    l_0_page_direction = resolve('page_direction')
    l_0_title = resolve('title')
    l_0_config = resolve('config')
    l_0_description = resolve('description')
    l_0_absolute_url = resolve('absolute_url')
    l_0_full_url = resolve('full_url')
    l_0_url = resolve('url')
    l_0_ui = resolve('ui')
    l_0_asset = resolve('asset')
    l_0_site = resolve('site')
    l_0_embedded = resolve('embedded')
    l_0_items = resolve('items')
    l_0_events = resolve('events')
    l_0_timeline_strip = resolve('timeline_strip')
    l_0_events_by_year = resolve('events_by_year')
    l_0_item = resolve('item')
    l_0_picture = resolve('picture')
    l_0_lead_picture = resolve('lead_picture')
    l_0_content_sizes = resolve('content_sizes')
    l_0_place_locator = resolve('place_locator')
    l_0_site_link = missing
    try:
        t_1 = environment.filters['capitalize']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'capitalize' found.")
    try:
        t_2 = environment.filters['fill']
    except KeyError:
        @internalcode
        def t_2(*unused):
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
    yield '>\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\'; style-src \'self\'; img-src \'self\' data:; object-src \'none\'; base-uri \'self\'; form-action \'self\'">\n<base target="_blank">\n<title>'
    yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
    yield ' | '
    yield escape(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'title'))
    yield '</title>\n<meta name="description" content="'
    yield escape((undefined(name='description') if l_0_description is missing else l_0_description))
    yield '">\n<meta name="robots" content="noindex">\n'
    if environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'base_url'):
        pass
        yield '<link rel="canonical" href="'
        yield escape(context.call((undefined(name='absolute_url') if l_0_absolute_url is missing else l_0_absolute_url), environment.getitem(context.call(environment.getattr((undefined(name='full_url') if l_0_full_url is missing else l_0_full_url), 'split'), '#'), 0)))
        yield '">\n'
    if environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'base_url'):
        pass
        yield '<link rel="alternate" type="application/atom+xml" href="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/feed.xml'))
        yield '" title="'
        yield escape(t_2(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'feed.title'), site_title=environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'title')))
        yield '">\n'
    yield '<link rel="stylesheet" href="'
    yield escape(context.call((undefined(name='asset') if l_0_asset is missing else l_0_asset), 'style.css'))
    yield '"><link rel="stylesheet" href="'
    yield escape(context.call((undefined(name='asset') if l_0_asset is missing else l_0_asset), 'embed.css'))
    yield '">'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'media'):
        pass
        yield '<link rel="stylesheet" href="'
        yield escape(context.call((undefined(name='asset') if l_0_asset is missing else l_0_asset), 'pictures.css'))
        yield '">'
    yield '\n<script src="'
    yield escape(context.call((undefined(name='asset') if l_0_asset is missing else l_0_asset), 'embed-frame.js'))
    yield '" defer></script>\n</head>\n<body class="embed">\n<main id="main">\n'
    if ((undefined(name='embedded') if l_0_embedded is missing else l_0_embedded) == 'timeline'):
        pass
        yield '<h1 class="embed-title">'
        yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
        yield '</h1>\n'
        l_0_events = context.call((undefined(name='items') if l_0_items is missing else l_0_items), 'events')
        context.vars['events'] = l_0_events
        context.exported_vars.add('events')
        yield '<figure class="chart-figure wide">\n  '
        yield escape(context.call((undefined(name='timeline_strip') if l_0_timeline_strip is missing else l_0_timeline_strip), (undefined(name='events') if l_0_events is missing else l_0_events), (undefined(name='url') if l_0_url is missing else l_0_url)))
        yield '\n  <figcaption>'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'timeline.strip_caption'))
        yield '</figcaption>\n</figure>\n'
        for (l_1_heading, l_1_group) in context.call((undefined(name='events_by_year') if l_0_events_by_year is missing else l_0_events_by_year), (undefined(name='events') if l_0_events is missing else l_0_events)):
            _loop_vars = {}
            pass
            yield '<h2 class="embed-year">'
            yield escape(l_1_heading)
            yield '</h2>\n<ol class="timeline embed-timeline">\n'
            for l_2_event in l_1_group:
                l_2_claim = resolve('claim')
                _loop_vars = {}
                pass
                yield '  <li class="event" id="'
                yield escape(environment.getattr(l_2_event, 'slug'))
                yield '">\n    <p class="event-date">'
                template = environment.get_template('partials/date.html', 'embed.html')
                gen = template.root_render_func(template.new_context(context.get_all(), True, {'event': l_2_event, 'group': l_1_group, 'heading': l_1_heading, 'events': l_0_events, 'lead_picture': l_0_lead_picture, 'site_link': l_0_site_link}))
                try:
                    for event in gen:
                        yield event
                finally: gen.close()
                yield '</p>\n    <h3 class="event-title"><a href="'
                yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), l_2_event, _loop_vars=_loop_vars))
                yield '">'
                yield escape(context.call((undefined(name='claim') if l_2_claim is missing else l_2_claim), l_2_event, _loop_vars=_loop_vars))
                yield '</a></h3>\n    <p>'
                yield escape(environment.getattr(l_2_event, 'summary'))
                yield '</p>\n  </li>\n'
            l_2_event = l_2_claim = missing
            yield '</ol>\n'
        l_1_heading = l_1_group = missing
    elif ((undefined(name='embedded') if l_0_embedded is missing else l_0_embedded) == 'figures'):
        pass
        l_1_figure = (undefined(name='item') if l_0_item is missing else l_0_item)
        pass
        template = environment.get_template('partials/figure.html', 'embed.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'figure': l_1_figure, 'events': l_0_events, 'lead_picture': l_0_lead_picture, 'site_link': l_0_site_link}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        l_1_figure = missing
    elif ((undefined(name='embedded') if l_0_embedded is missing else l_0_embedded) == 'glossary'):
        pass
        yield '<dl class="glossary">\n  <dt>'
        yield escape(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'term'))
        if environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'abbr'):
            pass
            yield ' (<abbr>'
            yield escape(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'abbr'))
            yield '</abbr>)'
        yield '</dt>\n  <dd><p>'
        yield escape(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'definition'))
        yield '</p></dd>\n</dl>\n'
    else:
        pass
        yield '<article class="embed-profile">\n  <h1 class="embed-title">'
        yield escape(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'name'))
        yield '</h1>\n'
        if ((undefined(name='embedded') if l_0_embedded is missing else l_0_embedded) == 'people'):
            pass
            yield '  <p class="lede">'
            if environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'age'):
                pass
                yield escape(t_2(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'person.role_aged'), role=environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'role'), age=environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'age')))
            else:
                pass
                yield escape(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'role'))
            yield '</p>\n'
        else:
            pass
            yield '  <p class="lede">'
            yield escape(t_1(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'place_kind')))
            yield '</p>\n'
        l_0_lead_picture = context.call((undefined(name='picture') if l_0_picture is missing else l_0_picture), (undefined(name='item') if l_0_item is missing else l_0_item))
        context.vars['lead_picture'] = l_0_lead_picture
        context.exported_vars.add('lead_picture')
        if (undefined(name='lead_picture') if l_0_lead_picture is missing else l_0_lead_picture):
            pass
            l_1_picture = (undefined(name='lead_picture') if l_0_lead_picture is missing else l_0_lead_picture)
            l_1_lead = True
            l_1_sizes = (undefined(name='content_sizes') if l_0_content_sizes is missing else l_0_content_sizes)
            l_1_picture_class = 'lead-picture'
            pass
            template = environment.get_template('partials/picture.html', 'embed.html')
            gen = template.root_render_func(template.new_context(context.get_all(), True, {'lead': l_1_lead, 'picture': l_1_picture, 'picture_class': l_1_picture_class, 'sizes': l_1_sizes, 'events': l_0_events, 'lead_picture': l_0_lead_picture, 'site_link': l_0_site_link}))
            try:
                for event in gen:
                    yield event
            finally: gen.close()
            l_1_picture = l_1_lead = l_1_sizes = l_1_picture_class = missing
        yield '  <p class="summary">'
        yield escape(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'summary'))
        yield '</p>\n'
        if (((undefined(name='embedded') if l_0_embedded is missing else l_0_embedded) == 'places') and environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'coordinates')):
            pass
            yield '  <figure class="chart-figure place-locator">'
            yield escape(context.call((undefined(name='place_locator') if l_0_place_locator is missing else l_0_place_locator), (undefined(name='item') if l_0_item is missing else l_0_item), context.call((undefined(name='items') if l_0_items is missing else l_0_items), 'places'), (undefined(name='url') if l_0_url is missing else l_0_url)))
            yield '</figure>\n'
        yield '</article>\n'
    yield '</main>\n'
    t_3 = []
    pass
    t_3.extend((
        '<a href="',
        escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), (undefined(name='full_url') if l_0_full_url is missing else l_0_full_url))),
        '">',
        escape(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'title')),
        '<span class="visually-hidden"> ',
        escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'embed.new_tab')),
        '</span></a>',
    ))
    l_0_site_link = (Markup if context.eval_ctx.autoescape else identity)(concat(t_3))
    context.vars['site_link'] = l_0_site_link
    context.exported_vars.add('site_link')
    yield '<footer class="embed-credit"><p>'
    yield escape(t_2(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'embed.from'), site_link=(undefined(name='site_link') if l_0_site_link is missing else l_0_site_link)))
    yield '</p></footer>\n</body>\n</html>\n'

blocks = {}
debug_info = '5=46&11=54&12=58&14=60&15=63&17=65&18=68&20=73&21=83&25=85&26=88&27=90&29=94&30=96&32=98&33=102&35=104&36=109&37=111&38=118&39=122&44=127&45=131&46=138&48=141&49=148&53=153&54=155&55=158&57=168&59=170&60=173&61=180&63=188&64=190&65=193&70=201&71=212'
