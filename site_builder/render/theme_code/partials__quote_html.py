from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/quote.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_quote_lang = resolve('quote_lang')
    l_0_quote = resolve('quote')
    l_0_speaker = resolve('speaker')
    l_0_url = resolve('url')
    l_0_quote_href = resolve('quote_href')
    l_0_ui = resolve('ui')
    l_0_is_translated_quote = resolve('is_translated_quote')
    pass
    yield '<figure class="quote">\n  <blockquote'
    yield escape(context.call((undefined(name='quote_lang') if l_0_quote_lang is missing else l_0_quote_lang), environment.getattr((undefined(name='quote') if l_0_quote is missing else l_0_quote), 'text')))
    yield '><p>'
    yield escape(environment.getattr((undefined(name='quote') if l_0_quote is missing else l_0_quote), 'text'))
    yield '</p></blockquote>\n  <figcaption>'
    yield escape(environment.getattr((undefined(name='speaker') if l_0_speaker is missing else l_0_speaker), 'name'))
    if environment.getattr((undefined(name='quote') if l_0_quote is missing else l_0_quote), 'context'):
        pass
        yield ', '
        yield escape(environment.getattr((undefined(name='quote') if l_0_quote is missing else l_0_quote), 'context'))
    yield ' <a class="quote-source" href="'
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), context.call((undefined(name='quote_href') if l_0_quote_href is missing else l_0_quote_href), environment.getattr((undefined(name='quote') if l_0_quote is missing else l_0_quote), 'text'), environment.getattr((undefined(name='quote') if l_0_quote is missing else l_0_quote), 'source'))))
    yield '">'
    yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'quote.source_link'))
    yield '</a>'
    if context.call((undefined(name='is_translated_quote') if l_0_is_translated_quote is missing else l_0_is_translated_quote), environment.getattr((undefined(name='quote') if l_0_quote is missing else l_0_quote), 'text')):
        pass
        yield ' <span class="quote-translated">'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'quote.translated'))
        yield '</span>'
    yield '</figcaption>\n</figure>\n'

blocks = {}
debug_info = '3=19&4=23'
