from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'home.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'home.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_config = resolve('config')
    pass
    yield escape(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'title'))

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
    l_0_items = resolve('items')
    l_0_featured = resolve('featured')
    l_0_featured_events = resolve('featured_events')
    l_0_ui = resolve('ui')
    l_0_timeline_strip = resolve('timeline_strip')
    l_0_url = resolve('url')
    l_0_counted = resolve('counted')
    l_0_card_heading = resolve('card_heading')
    l_0_lead_picture = l_0_events = l_0_people = l_0_places = l_0_figures = missing
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '<article class="prose home-intro">\n  <h1>'
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
        template = environment.get_template('partials/picture.html', 'home.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'lead': l_1_lead, 'picture': l_1_picture, 'picture_class': l_1_picture_class, 'sizes': l_1_sizes, 'card_heading': l_0_card_heading, 'events': l_0_events, 'featured_events': l_0_featured_events, 'figures': l_0_figures, 'lead_picture': l_0_lead_picture, 'people': l_0_people, 'places': l_0_places}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        l_1_picture = l_1_lead = l_1_sizes = l_1_picture_class = missing
    yield '  '
    yield escape(context.call((undefined(name='body') if l_0_body is missing else l_0_body), (undefined(name='item') if l_0_item is missing else l_0_item), _block_vars=_block_vars))
    yield '\n</article>\n'
    l_0_events = context.call((undefined(name='items') if l_0_items is missing else l_0_items), 'events', _block_vars=_block_vars)
    _block_vars['events'] = l_0_events
    if (undefined(name='events') if l_0_events is missing else l_0_events):
        pass
        l_0_featured_events = context.call((undefined(name='featured') if l_0_featured is missing else l_0_featured), 'events', _block_vars=_block_vars)
        _block_vars['featured_events'] = l_0_featured_events
        yield '<section class="band" aria-labelledby="at-a-glance">\n  <h2 id="at-a-glance">'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'home.at_a_glance'))
        yield '</h2>\n  <figure class="chart-figure wide">\n    '
        yield escape(context.call((undefined(name='timeline_strip') if l_0_timeline_strip is missing else l_0_timeline_strip), (undefined(name='events') if l_0_events is missing else l_0_events), (undefined(name='url') if l_0_url is missing else l_0_url), _block_vars=_block_vars))
        yield '\n    <figcaption>'
        yield escape(context.call((undefined(name='counted') if l_0_counted is missing else l_0_counted), 'home.timeline_caption', t_1((undefined(name='events') if l_0_events is missing else l_0_events)), _block_vars=_block_vars))
        yield ' '
        yield escape((environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'home.featured_events') if (undefined(name='featured_events') if l_0_featured_events is missing else l_0_featured_events) else environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'home.latest_events')))
        yield '</figcaption>\n  </figure>\n  <ol class="mini-timeline">\n'
        for l_1_event in ((undefined(name='featured_events') if l_0_featured_events is missing else l_0_featured_events) or (undefined(name='events') if l_0_events is missing else l_0_events)[-4:]):
            l_1_claim = resolve('claim')
            _loop_vars = {}
            pass
            yield '    <li><span class="event-date">'
            template = environment.get_template('partials/date.html', 'home.html')
            gen = template.root_render_func(template.new_context(context.get_all(), True, {'event': l_1_event, 'card_heading': l_0_card_heading, 'events': l_0_events, 'featured_events': l_0_featured_events, 'figures': l_0_figures, 'lead_picture': l_0_lead_picture, 'people': l_0_people, 'places': l_0_places}))
            try:
                for event in gen:
                    yield event
            finally: gen.close()
            yield '</span> <a href="'
            yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), l_1_event, _loop_vars=_loop_vars))
            yield '">'
            yield escape(context.call((undefined(name='claim') if l_1_claim is missing else l_1_claim), l_1_event, _loop_vars=_loop_vars))
            yield '</a></li>\n'
        l_1_event = l_1_claim = missing
        yield '  </ol>\n  <p class="more"><a href="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/timeline/', _block_vars=_block_vars))
        yield '">'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'home.full_timeline'))
        yield '</a></p>\n</section>\n'
    l_0_people = context.call((undefined(name='items') if l_0_items is missing else l_0_items), 'people', _block_vars=_block_vars)
    _block_vars['people'] = l_0_people
    if (undefined(name='people') if l_0_people is missing else l_0_people):
        pass
        yield '<section class="band" aria-labelledby="whos-who">\n  <h2 id="whos-who">'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'home.whos_who'))
        yield '</h2>\n  <ul class="cards">\n'
        l_0_card_heading = 'h3'
        _block_vars['card_heading'] = l_0_card_heading
        for l_1_person in (context.call((undefined(name='featured') if l_0_featured is missing else l_0_featured), 'people', _block_vars=_block_vars) or (undefined(name='people') if l_0_people is missing else l_0_people)):
            _loop_vars = {}
            pass
            template = environment.get_template('partials/person-card.html', 'home.html')
            gen = template.root_render_func(template.new_context(context.get_all(), True, {'person': l_1_person, 'card_heading': l_0_card_heading, 'events': l_0_events, 'featured_events': l_0_featured_events, 'figures': l_0_figures, 'lead_picture': l_0_lead_picture, 'people': l_0_people, 'places': l_0_places}))
            try:
                for event in gen:
                    yield event
            finally: gen.close()
        l_1_person = missing
        yield '  </ul>\n</section>\n'
    l_0_places = context.call((undefined(name='featured') if l_0_featured is missing else l_0_featured), 'places', _block_vars=_block_vars)
    _block_vars['places'] = l_0_places
    if (undefined(name='places') if l_0_places is missing else l_0_places):
        pass
        yield '<section class="band" aria-labelledby="key-places">\n  <h2 id="key-places">'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'home.places'))
        yield '</h2>\n  <ul class="cards">\n'
        for l_1_place in (undefined(name='places') if l_0_places is missing else l_0_places):
            _loop_vars = {}
            pass
            template = environment.get_template('partials/place-card.html', 'home.html')
            gen = template.root_render_func(template.new_context(context.get_all(), True, {'place': l_1_place, 'card_heading': l_0_card_heading, 'events': l_0_events, 'featured_events': l_0_featured_events, 'figures': l_0_figures, 'lead_picture': l_0_lead_picture, 'people': l_0_people, 'places': l_0_places}))
            try:
                for event in gen:
                    yield event
            finally: gen.close()
        l_1_place = missing
        yield '  </ul>\n  <p class="more"><a href="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/places/', _block_vars=_block_vars))
        yield '">'
        yield escape(context.call((undefined(name='counted') if l_0_counted is missing else l_0_counted), 'home.all_places', t_1(context.call((undefined(name='items') if l_0_items is missing else l_0_items), 'places', _block_vars=_block_vars)), _block_vars=_block_vars))
        yield '</a></p>\n</section>\n'
    l_0_figures = context.call((undefined(name='items') if l_0_items is missing else l_0_items), 'figures', _block_vars=_block_vars)
    _block_vars['figures'] = l_0_figures
    if (undefined(name='figures') if l_0_figures is missing else l_0_figures):
        pass
        yield '<section class="band" aria-labelledby="key-figures">\n  <h2 id="key-figures">'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'home.key_figures'))
        yield '</h2>\n  <ul class="figure-tiles">\n'
        for l_1_figure in (context.call((undefined(name='featured') if l_0_featured is missing else l_0_featured), 'figures', _block_vars=_block_vars) or (undefined(name='figures') if l_0_figures is missing else l_0_figures)[:6]):
            l_1_figure_number = resolve('figure_number')
            l_1_claim = resolve('claim')
            _loop_vars = {}
            pass
            yield '    <li><a href="'
            yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), l_1_figure, _loop_vars=_loop_vars))
            yield '"><span class="tile-value">'
            yield escape(context.call((undefined(name='figure_number') if l_1_figure_number is missing else l_1_figure_number), l_1_figure, _loop_vars=_loop_vars))
            yield '</span> <span class="tile-label">'
            yield escape(context.call((undefined(name='claim') if l_1_claim is missing else l_1_claim), l_1_figure, _loop_vars=_loop_vars))
            yield '</span></a></li>\n'
        l_1_figure = l_1_figure_number = l_1_claim = missing
        yield '  </ul>\n  <p class="more"><a href="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/figures/', _block_vars=_block_vars))
        yield '">'
        yield escape(context.call((undefined(name='counted') if l_0_counted is missing else l_0_counted), 'home.all_figures', t_1((undefined(name='figures') if l_0_figures is missing else l_0_figures)), _block_vars=_block_vars))
        yield '</a></p>\n</section>\n'
    template = environment.get_template('partials/corrections.html', 'home.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'card_heading': l_0_card_heading, 'events': l_0_events, 'featured_events': l_0_featured_events, 'figures': l_0_figures, 'lead_picture': l_0_lead_picture, 'people': l_0_people, 'places': l_0_places}))
    try:
        for event in gen:
            yield event
    finally: gen.close()

blocks = {'title': block_title, 'content': block_content}
debug_info = '1=12&2=17&3=28&5=56&6=58&7=61&9=63&10=65&11=72&13=80&16=82&17=84&18=86&20=89&22=91&23=93&26=97&27=102&30=115&33=119&34=121&36=124&38=126&39=128&40=131&45=139&46=141&48=144&50=146&51=149&54=157&57=161&58=163&60=166&62=168&63=174&66=182&69=186'
