from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/corrections.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_page_history = resolve('page_history')
    l_0_page_url = resolve('page_url')
    l_0_ui = resolve('ui')
    l_0_updated = resolve('updated')
    l_0_url = resolve('url')
    l_0_history = missing
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
        t_3 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    l_0_history = context.call((undefined(name='page_history') if l_0_page_history is missing else l_0_page_history), (undefined(name='page_url') if l_0_page_url is missing else l_0_page_url))
    context.vars['history'] = l_0_history
    context.exported_vars.add('history')
    if (environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'updated') or environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'corrections')):
        pass
        yield '<aside class="corrections" aria-labelledby="corrections-heading">\n  <h2 id="corrections-heading">'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'corrections.heading'))
        yield '</h2>\n'
        if environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'updated'):
            pass
            t_4 = []
            pass
            t_4.extend((
                '<time datetime="',
                escape(environment.getattr(environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'updated'), 'machine')),
                '">',
                escape(t_1(environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'updated'))),
                '</time>',
            ))
            l_0_updated = (Markup if context.eval_ctx.autoescape else identity)(concat(t_4))
            context.vars['updated'] = l_0_updated
            context.exported_vars.add('updated')
            yield '  <p>'
            yield escape(t_2(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'corrections.updated'), date=(undefined(name='updated') if l_0_updated is missing else l_0_updated)))
            yield '</p>\n'
        if environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'corrections'):
            pass
            yield '  <ul>\n'
            for (l_1_correction, l_1_entry) in environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'corrections'):
                l_1_item = resolve('item')
                l_1_claim = resolve('claim')
                _loop_vars = {}
                pass
                yield '    <li><time datetime="'
                yield escape(environment.getattr(environment.getattr(l_1_correction, 'date'), 'machine'))
                yield '">'
                yield escape(t_1(environment.getattr(l_1_correction, 'date')))
                yield '</time>: '
                if (t_3((undefined(name='item') if l_1_item is missing else l_1_item)) or (environment.getattr(l_1_entry, 'slug') != environment.getattr((undefined(name='item') if l_1_item is missing else l_1_item), 'slug'))):
                    pass
                    yield '<a href="'
                    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), l_1_entry, _loop_vars=_loop_vars))
                    yield '">'
                    yield escape(context.call((undefined(name='claim') if l_1_claim is missing else l_1_claim), l_1_entry, _loop_vars=_loop_vars))
                    yield '</a>: '
                yield escape(environment.getattr(l_1_correction, 'text'))
                yield '</li>\n'
            l_1_correction = l_1_entry = l_1_item = l_1_claim = missing
            yield '  </ul>\n'
        yield '  <p><a href="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/corrections/'))
        yield '">'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'corrections.all'))
        yield '</a></p>\n</aside>\n'

blocks = {}
debug_info = '3=35&4=38&6=41&7=43&8=49&9=58&11=60&13=63&14=69&18=85'
