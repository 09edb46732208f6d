from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/date.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_when = resolve('when')
    l_0_event = resolve('event')
    pass
    yield escape(context.call((undefined(name='when') if l_0_when is missing else l_0_when), (undefined(name='event') if l_0_event is missing else l_0_event)))
    yield '\n'

blocks = {}
debug_info = '2=13'
