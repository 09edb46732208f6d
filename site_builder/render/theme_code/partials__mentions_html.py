from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/mentions.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_backlinks = resolve('backlinks')
    l_0_item = resolve('item')
    l_0_ui = resolve('ui')
    l_0_refs = missing
    try:
        t_1 = environment.filters['fill']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'fill' found.")
    try:
        t_2 = environment.filters['noun']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'noun' found.")
    pass
    l_0_refs = context.call((undefined(name='backlinks') if l_0_backlinks is missing else l_0_backlinks), (undefined(name='item') if l_0_item is missing else l_0_item))
    context.vars['refs'] = l_0_refs
    context.exported_vars.add('refs')
    if (undefined(name='refs') if l_0_refs is missing else l_0_refs):
        pass
        yield '<section aria-labelledby="refs-heading">\n  <h2 id="refs-heading">'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'profile.mentioned_in'))
        yield '</h2>\n  <ul>\n'
        for (l_1_ref, l_1_label) in (undefined(name='refs') if l_0_refs is missing else l_0_refs):
            l_1_figure_number = resolve('figure_number')
            l_1_ref_link = missing
            _loop_vars = {}
            pass
            l_2_url = resolve('url')
            l_2_claim = resolve('claim')
            t_3 = []
            pass
            t_3.extend((
                '<a href="',
                escape(context.call((undefined(name='url') if l_2_url is missing else l_2_url), l_1_ref)),
                '">',
                escape(context.call((undefined(name='claim') if l_2_claim is missing else l_2_claim), l_1_ref)),
                '</a>',
            ))
            l_1_ref_link = (Markup if context.eval_ctx.autoescape else identity)(concat(t_3))
            _loop_vars['ref_link'] = l_1_ref_link
            l_2_url = l_2_claim = missing
            yield '    <li>'
            if (environment.getattr(l_1_ref, 'kind') == 'figures'):
                pass
                yield escape(t_1(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'entry.figure_number'), claim=(undefined(name='ref_link') if l_1_ref_link is missing else l_1_ref_link), number=context.call((undefined(name='figure_number') if l_1_figure_number is missing else l_1_figure_number), l_1_ref, _loop_vars=_loop_vars)))
            else:
                pass
                yield escape((undefined(name='ref_link') if l_1_ref_link is missing else l_1_ref_link))
            yield ' <span class="kind">('
            yield escape(t_2(environment.getattr(l_1_ref, 'kind')))
            yield ')</span></li>\n'
        l_1_ref = l_1_label = l_1_ref_link = l_1_figure_number = missing
        yield '  </ul>\n</section>\n'

blocks = {}
debug_info = '2=27&3=30&5=33&7=35&8=46&9=55'
