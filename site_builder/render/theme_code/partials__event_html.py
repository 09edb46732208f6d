from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/event.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_event = resolve('event')
    l_0_old_anchors = resolve('old_anchors')
    l_0_config = resolve('config')
    l_0_claim = resolve('claim')
    l_0_is_draft = resolve('is_draft')
    l_0_picture = resolve('picture')
    l_0_thumbnail_sizes = resolve('thumbnail_sizes')
    l_0_quote_lang = resolve('quote_lang')
    l_0_url = resolve('url')
    l_0_quote_href = resolve('quote_href')
    l_0_ui = resolve('ui')
    l_0_is_translated_quote = resolve('is_translated_quote')
    l_0_body = resolve('body')
    l_0_thumbnail = missing
    pass
    yield '<li class="event" id="'
    yield escape(environment.getattr((undefined(name='event') if l_0_event is missing else l_0_event), 'slug'))
    yield '">\n  <p class="event-date">'
    yield escape(context.call((undefined(name='old_anchors') if l_0_old_anchors is missing else l_0_old_anchors), (undefined(name='event') if l_0_event is missing else l_0_event)))
    template = environment.get_template('partials/date.html', 'partials/event.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'thumbnail': l_0_thumbnail}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '</p>\n  <h3 class="event-title"'
    if environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'search'):
        pass
        yield ' data-pagefind-meta="entry-'
        yield escape(environment.getattr((undefined(name='event') if l_0_event is missing else l_0_event), 'slug'))
        yield '"'
    yield '>'
    yield escape(context.call((undefined(name='claim') if l_0_claim is missing else l_0_claim), (undefined(name='event') if l_0_event is missing else l_0_event)))
    if context.call((undefined(name='is_draft') if l_0_is_draft is missing else l_0_is_draft), (undefined(name='event') if l_0_event is missing else l_0_event)):
        pass
        yield ' '
        template = environment.get_template('partials/draft-label.html', 'partials/event.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'thumbnail': l_0_thumbnail}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
    yield '</h3>\n'
    l_0_thumbnail = context.call((undefined(name='picture') if l_0_picture is missing else l_0_picture), (undefined(name='event') if l_0_event is missing else l_0_event))
    context.vars['thumbnail'] = l_0_thumbnail
    context.exported_vars.add('thumbnail')
    if (undefined(name='thumbnail') if l_0_thumbnail is missing else l_0_thumbnail):
        pass
        l_1_picture = (undefined(name='thumbnail') if l_0_thumbnail is missing else l_0_thumbnail)
        l_1_lead = False
        l_1_sizes = (undefined(name='thumbnail_sizes') if l_0_thumbnail_sizes is missing else l_0_thumbnail_sizes)
        l_1_picture_class = 'thumbnail'
        pass
        template = environment.get_template('partials/picture.html', 'partials/event.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'lead': l_1_lead, 'picture': l_1_picture, 'picture_class': l_1_picture_class, 'sizes': l_1_sizes, 'thumbnail': l_0_thumbnail}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        l_1_picture = l_1_lead = l_1_sizes = l_1_picture_class = missing
    yield '  <p>'
    yield escape(environment.getattr((undefined(name='event') if l_0_event is missing else l_0_event), 'summary'))
    yield '</p>\n'
    if environment.getattr((undefined(name='event') if l_0_event is missing else l_0_event), 'quote'):
        pass
        yield '  <blockquote'
        yield escape(context.call((undefined(name='quote_lang') if l_0_quote_lang is missing else l_0_quote_lang), environment.getattr((undefined(name='event') if l_0_event is missing else l_0_event), 'quote')))
        yield '><p>'
        yield escape(environment.getattr((undefined(name='event') if l_0_event is missing else l_0_event), 'quote'))
        yield '</p></blockquote>\n  <p class="quote-source"><a href="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), context.call((undefined(name='quote_href') if l_0_quote_href is missing else l_0_quote_href), environment.getattr((undefined(name='event') if l_0_event is missing else l_0_event), 'quote'), environment.getattr((undefined(name='event') if l_0_event is missing else l_0_event), 'source'))))
        yield '">'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'quote.source_link'))
        yield '</a>'
        if context.call((undefined(name='is_translated_quote') if l_0_is_translated_quote is missing else l_0_is_translated_quote), environment.getattr((undefined(name='event') if l_0_event is missing else l_0_event), 'quote')):
            pass
            yield ' <span class="quote-translated">'
            yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'quote.translated'))
            yield '</span>'
        yield '</p>\n'
    yield '  '
    yield escape(context.call((undefined(name='body') if l_0_body is missing else l_0_body), (undefined(name='event') if l_0_event is missing else l_0_event)))
    yield '\n'
    l_1_entry = (undefined(name='event') if l_0_event is missing else l_0_event)
    pass
    template = environment.get_template('partials/related.html', 'partials/event.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'entry': l_1_entry, 'thumbnail': l_0_thumbnail}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    l_1_entry = missing
    yield '</li>\n'

blocks = {}
debug_info = '1=26&2=28&3=36&4=53&5=56&6=63&8=71&9=73&10=76&11=80&13=91&14=95'
