from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/embed-code.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_embed_code = resolve('embed_code')
    l_0_embed_target = resolve('embed_target')
    l_0_embeds_listed = resolve('embeds_listed')
    l_0_ui = resolve('ui')
    l_0_code = missing
    try:
        t_1 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    pass
    l_0_code = context.call((undefined(name='embed_code') if l_0_embed_code is missing else l_0_embed_code), (undefined(name='embed_target') if l_0_embed_target is missing else l_0_embed_target), host_script=(not t_1((undefined(name='embeds_listed') if l_0_embeds_listed is missing else l_0_embeds_listed))))
    context.vars['code'] = l_0_code
    context.exported_vars.add('code')
    if (undefined(name='code') if l_0_code is missing else l_0_code):
        pass
        yield '<details class="embed-code"><summary>'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'embed.summary'))
        yield '</summary><label>'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'embed.label'))
        yield '<textarea rows="5" readonly>'
        yield escape((undefined(name='code') if l_0_code is missing else l_0_code))
        yield '</textarea></label></details>\n'

blocks = {}
debug_info = '6=22&7=25&8=28'
