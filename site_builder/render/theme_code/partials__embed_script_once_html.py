from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/embed-script-once.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_embed_host_script = resolve('embed_host_script')
    l_0_ui = resolve('ui')
    l_0_script_code = missing
    pass
    l_0_script_code = context.call((undefined(name='embed_host_script') if l_0_embed_host_script is missing else l_0_embed_host_script))
    context.vars['script_code'] = l_0_script_code
    context.exported_vars.add('script_code')
    if (undefined(name='script_code') if l_0_script_code is missing else l_0_script_code):
        pass
        yield '<p class="embed-once">'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'embed.once'))
        yield ' <code>'
        yield escape((undefined(name='script_code') if l_0_script_code is missing else l_0_script_code))
        yield '</code></p>\n'

blocks = {}
debug_info = '3=14&4=17&5=20'
