from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/figure.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_figure = resolve('figure')
    l_0_old_anchors = resolve('old_anchors')
    l_0_figure_number = resolve('figure_number')
    l_0_config = resolve('config')
    l_0_claim = resolve('claim')
    l_0_is_draft = resolve('is_draft')
    l_0_quote_lang = resolve('quote_lang')
    l_0_url = resolve('url')
    l_0_quote_href = resolve('quote_href')
    l_0_ui = resolve('ui')
    l_0_is_translated_quote = resolve('is_translated_quote')
    l_0_as_of = resolve('as_of')
    l_0_attribution = resolve('attribution')
    l_0_body = resolve('body')
    l_0_embedded = resolve('embedded')
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
        t_3 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    pass
    yield '<article class="figure" id="'
    yield escape(environment.getattr((undefined(name='figure') if l_0_figure is missing else l_0_figure), 'slug'))
    yield '">\n  <p class="figure-value">'
    yield escape(context.call((undefined(name='old_anchors') if l_0_old_anchors is missing else l_0_old_anchors), (undefined(name='figure') if l_0_figure is missing else l_0_figure)))
    yield escape(context.call((undefined(name='figure_number') if l_0_figure_number is missing else l_0_figure_number), (undefined(name='figure') if l_0_figure is missing else l_0_figure)))
    yield '</p>\n  <h3 class="figure-label"'
    if environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'search'):
        pass
        yield ' data-pagefind-meta="entry-'
        yield escape(environment.getattr((undefined(name='figure') if l_0_figure is missing else l_0_figure), 'slug'))
        yield '"'
    yield '>'
    yield escape(context.call((undefined(name='claim') if l_0_claim is missing else l_0_claim), (undefined(name='figure') if l_0_figure is missing else l_0_figure)))
    if context.call((undefined(name='is_draft') if l_0_is_draft is missing else l_0_is_draft), (undefined(name='figure') if l_0_figure is missing else l_0_figure)):
        pass
        yield ' '
        template = environment.get_template('partials/draft-label.html', 'partials/figure.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'as_of': l_0_as_of}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
    yield '</h3>\n  <blockquote'
    yield escape(context.call((undefined(name='quote_lang') if l_0_quote_lang is missing else l_0_quote_lang), environment.getattr((undefined(name='figure') if l_0_figure is missing else l_0_figure), 'quote')))
    yield '><p>'
    yield escape(environment.getattr((undefined(name='figure') if l_0_figure is missing else l_0_figure), 'quote'))
    yield '</p></blockquote>\n  <p class="quote-source"><a href="'
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), context.call((undefined(name='quote_href') if l_0_quote_href is missing else l_0_quote_href), environment.getattr((undefined(name='figure') if l_0_figure is missing else l_0_figure), 'quote'), environment.getattr((undefined(name='figure') if l_0_figure is missing else l_0_figure), 'source'))))
    yield '">'
    yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'quote.source_link'))
    yield '</a>'
    if context.call((undefined(name='is_translated_quote') if l_0_is_translated_quote is missing else l_0_is_translated_quote), environment.getattr((undefined(name='figure') if l_0_figure is missing else l_0_figure), 'quote')):
        pass
        yield ' <span class="quote-translated">'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'quote.translated'))
        yield '</span>'
    yield '</p>\n'
    if environment.getattr((undefined(name='figure') if l_0_figure is missing else l_0_figure), 'attribution'):
        pass
        if environment.getattr((undefined(name='figure') if l_0_figure is missing else l_0_figure), 'as_of'):
            pass
            t_4 = []
            pass
            t_4.extend((
                '<time datetime="',
                escape(environment.getattr(environment.getattr((undefined(name='figure') if l_0_figure is missing else l_0_figure), 'as_of'), 'machine')),
                '">',
                escape(t_1(environment.getattr((undefined(name='figure') if l_0_figure is missing else l_0_figure), 'as_of'))),
                '</time>',
            ))
            l_0_as_of = (Markup if context.eval_ctx.autoescape else identity)(concat(t_4))
            context.vars['as_of'] = l_0_as_of
            context.exported_vars.add('as_of')
            yield '  <p class="attribution">'
            yield escape(t_2(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'figure.attribution_as_of'), attribution=context.call((undefined(name='attribution') if l_0_attribution is missing else l_0_attribution), (undefined(name='figure') if l_0_figure is missing else l_0_figure)), date=(undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
            yield '</p>\n'
        else:
            pass
            yield '  <p class="attribution">'
            yield escape(t_2(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'figure.attribution'), attribution=context.call((undefined(name='attribution') if l_0_attribution is missing else l_0_attribution), (undefined(name='figure') if l_0_figure is missing else l_0_figure))))
            yield '</p>\n'
    yield '  '
    yield escape(context.call((undefined(name='body') if l_0_body is missing else l_0_body), (undefined(name='figure') if l_0_figure is missing else l_0_figure)))
    yield '\n'
    l_1_entry = (undefined(name='figure') if l_0_figure is missing else l_0_figure)
    pass
    template = environment.get_template('partials/related.html', 'partials/figure.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'entry': l_1_entry, 'as_of': l_0_as_of}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    l_1_entry = missing
    if (not t_3((undefined(name='embedded') if l_0_embedded is missing else l_0_embedded))):
        pass
        l_1_embed_target = (undefined(name='figure') if l_0_figure is missing else l_0_figure)
        pass
        template = environment.get_template('partials/embed-code.html', 'partials/figure.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'embed_target': l_1_embed_target, 'as_of': l_0_as_of}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        l_1_embed_target = missing
    yield '</article>\n'

blocks = {}
debug_info = '1=45&2=47&3=50&4=67&5=71&6=81&7=83&8=89&9=98&11=103&14=106&15=110&16=117&17=121'
