from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/footer.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_ui = resolve('ui')
    l_0_config = resolve('config')
    l_0_menu = resolve('menu')
    try:
        t_1 = environment.filters['fill']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'fill' found.")
    pass
    yield '<footer class="site-footer">\n  <div class="site-footer-inner">\n    <p>'
    yield escape(t_1(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'footer.note'), site_title=environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'title')))
    yield '</p>\n    <ul>\n'
    for l_1_entry in context.call((undefined(name='menu') if l_0_menu is missing else l_0_menu), 'footer'):
        l_1_url = resolve('url')
        _loop_vars = {}
        pass
        yield '      <li><a href="'
        yield escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), environment.getattr(l_1_entry, 'url'), _loop_vars=_loop_vars))
        yield '">'
        yield escape(environment.getattr(l_1_entry, 'label'))
        yield '</a></li>\n'
    l_1_entry = l_1_url = missing
    yield '    </ul>\n  </div>\n</footer>\n'

blocks = {}
debug_info = '3=21&5=23&6=28'
