from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/nav.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_ui = resolve('ui')
    l_0_menu = resolve('menu')
    pass
    yield '    <nav aria-label="'
    yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'nav.header_label'))
    yield '">\n      <ul>\n'
    for l_1_entry in context.call((undefined(name='menu') if l_0_menu is missing else l_0_menu), 'header'):
        l_1_url = resolve('url')
        l_1_page_url = resolve('page_url')
        _loop_vars = {}
        pass
        yield '        <li><a href="'
        yield escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), environment.getattr(l_1_entry, 'url'), _loop_vars=_loop_vars))
        yield '"'
        if ((undefined(name='page_url') if l_1_page_url is missing else l_1_page_url) == environment.getattr(l_1_entry, 'url')):
            pass
            yield ' aria-current="page"'
        yield '>'
        yield escape(environment.getattr(l_1_entry, 'label'))
        yield '</a></li>\n'
    l_1_entry = l_1_url = l_1_page_url = missing
    yield '      </ul>\n    </nav>\n'

blocks = {}
debug_info = '2=14&4=16&5=22'
