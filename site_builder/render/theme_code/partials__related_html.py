from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/related.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_entry = resolve('entry')
    l_0_ui = resolve('ui')
    l_0_related = missing
    pass
    l_0_related = ((environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'people') + environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'places')) + environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'terms'))
    context.vars['related'] = l_0_related
    context.exported_vars.add('related')
    if (undefined(name='related') if l_0_related is missing else l_0_related):
        pass
        yield '  <p class="related">'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'entry.related'))
        yield '\n'
        l_1_loop = missing
        for l_1_slug, l_1_loop in LoopContext((undefined(name='related') if l_0_related is missing else l_0_related), undefined):
            l_1_url = resolve('url')
            l_1_link_lang = resolve('link_lang')
            l_1_name = resolve('name')
            _loop_vars = {}
            pass
            yield '    <a href="'
            yield escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), l_1_slug, _loop_vars=_loop_vars))
            yield '"'
            yield escape(context.call((undefined(name='link_lang') if l_1_link_lang is missing else l_1_link_lang), l_1_slug, _loop_vars=_loop_vars))
            yield '>'
            yield escape(context.call((undefined(name='name') if l_1_name is missing else l_1_name), l_1_slug, _loop_vars=_loop_vars))
            yield '</a>'
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ', '
        l_1_loop = l_1_slug = l_1_url = l_1_link_lang = l_1_name = missing
        yield '  </p>\n'

blocks = {}
debug_info = '2=14&3=17&4=20&5=23&6=30'
