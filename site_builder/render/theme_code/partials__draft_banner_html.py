from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/draft-banner.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_item = resolve('item')
    l_0_until = resolve('until')
    l_0_until_time = resolve('until_time')
    l_0_ui = resolve('ui')
    try:
        t_1 = environment.filters['fill']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'fill' found.")
    pass
    if ((not environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'draft')) and environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'embargo')):
        pass
        l_0_until = context.call(environment.getattr(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'embargo'), 'isoformat'))
        context.vars['until'] = l_0_until
        context.exported_vars.add('until')
        t_2 = []
        pass
        t_2.extend((
            '<time datetime="',
            escape((undefined(name='until') if l_0_until is missing else l_0_until)),
            '">',
            escape((undefined(name='until') if l_0_until is missing else l_0_until)),
            '</time>',
        ))
        l_0_until_time = (Markup if context.eval_ctx.autoescape else identity)(concat(t_2))
        context.vars['until_time'] = l_0_until_time
        context.exported_vars.add('until_time')
        yield '<p class="draft-banner" role="note">'
        yield escape(t_1(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'draft.embargo_banner'), until=(undefined(name='until_time') if l_0_until_time is missing else l_0_until_time)))
        yield '</p>\n'
    else:
        pass
        yield '<p class="draft-banner" role="note">'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'draft.banner'))
        yield '</p>\n'

blocks = {}
debug_info = '2=21&3=23&4=30&5=39&7=44'
