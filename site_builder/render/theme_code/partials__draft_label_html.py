from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/draft-label.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_ui = resolve('ui')
    pass
    yield '<span class="draft-label">'
    yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'draft.label'))
    yield '</span>'

blocks = {}
debug_info = '1=13'
