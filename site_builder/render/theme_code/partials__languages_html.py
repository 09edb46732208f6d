from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/languages.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_alternates = resolve('alternates')
    l_0_ui = resolve('ui')
    try:
        t_1 = environment.filters['default']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'default' found.")
    pass
    if t_1((undefined(name='alternates') if l_0_alternates is missing else l_0_alternates), ()):
        pass
        yield '    <nav class="language-switcher" aria-label="'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'languages.label'))
        yield '">\n      <ul>\n'
        for l_1_alternate in (undefined(name='alternates') if l_0_alternates is missing else l_0_alternates):
            _loop_vars = {}
            pass
            yield '        <li><a href="'
            yield escape(environment.getattr(l_1_alternate, 'href'))
            yield '" hreflang="'
            yield escape(environment.getattr(l_1_alternate, 'language'))
            yield '" lang="'
            yield escape(environment.getattr(l_1_alternate, 'language'))
            yield '"'
            if environment.getattr(l_1_alternate, 'current'):
                pass
                yield ' aria-current="page"'
            yield '>'
            yield escape(environment.getattr(l_1_alternate, 'name'))
            yield '</a></li>\n'
        l_1_alternate = missing
        yield '      </ul>\n    </nav>\n'

blocks = {}
debug_info = '2=19&3=22&5=24&6=28'
