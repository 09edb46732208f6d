from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/header.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_url = resolve('url')
    l_0_config = resolve('config')
    l_0_site_nav = resolve('site_nav')
    l_0_sections = resolve('sections')
    l_0_search_page = resolve('search_page')
    l_0_ui = resolve('ui')
    l_0_plural_forms = resolve('plural_forms')
    l_0_search_kinds = resolve('search_kinds')
    l_0_search_boxes = resolve('search_boxes')
    l_0_asset = resolve('asset')
    try:
        t_1 = environment.filters['first']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'first' found.")
    try:
        t_2 = environment.filters['select']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'select' found.")
    try:
        t_3 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    pass
    yield '<header class="site-header">\n  <div class="site-header-inner">\n    <a class="site-title" href="'
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/'))
    yield '">'
    yield escape(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'title'))
    yield '</a>\n'
    yield escape((undefined(name='site_nav') if l_0_site_nav is missing else l_0_site_nav))
    template = environment.get_template('partials/languages.html', 'partials/header.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'search_page': l_0_search_page}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    if environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'search'):
        pass
        l_0_search_page = ('/glossary/' if ('glossary' in (undefined(name='sections') if l_0_sections is missing else l_0_sections)) else '/')
        context.vars['search_page'] = l_0_search_page
        context.exported_vars.add('search_page')
        yield '    <search class="site-search" data-pagefind="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/pagefind/pagefind.js'))
        yield '" data-no-results="'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'search.no_results'))
        yield '" '
        for (l_1_category, l_1_form) in context.call((undefined(name='plural_forms') if l_0_plural_forms is missing else l_0_plural_forms), 'search.results'):
            _loop_vars = {}
            pass
            yield 'data-results-'
            yield escape(l_1_category)
            yield '="'
            yield escape(l_1_form)
            yield '" '
        l_1_category = l_1_form = missing
        for (l_1_category, l_1_form) in context.call((undefined(name='plural_forms') if l_0_plural_forms is missing else l_0_plural_forms), 'search.results_capped'):
            _loop_vars = {}
            pass
            yield 'data-results-capped-'
            yield escape(l_1_category)
            yield '="'
            yield escape(l_1_form)
            yield '" '
        l_1_category = l_1_form = missing
        yield 'data-unavailable="'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'search.unavailable'))
        yield '">\n      <a class="search-fallback" href="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), (undefined(name='search_page') if l_0_search_page is missing else l_0_search_page)))
        yield '">'
        yield escape((environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'search.fallback') if ('glossary' in (undefined(name='sections') if l_0_sections is missing else l_0_sections)) else environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'search.fallback_home')))
        yield '</a>\n      <form class="search-form" action="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), (undefined(name='search_page') if l_0_search_page is missing else l_0_search_page)))
        yield '" hidden>\n        <label for="search-input">'
        yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'search.label'))
        yield '</label>\n        <input id="search-input" type="search" name="q" autocomplete="off" spellcheck="false">\n'
        if t_3(t_1(environment, t_2(context, (undefined(name='search_kinds') if l_0_search_kinds is missing else l_0_search_kinds), 'in', (undefined(name='sections') if l_0_sections is missing else l_0_sections)))):
            pass
            yield '        <fieldset class="search-filters" hidden>\n          <legend>'
            yield escape(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'search.filter_legend'))
            yield '</legend>\n'
            def t_4(fiter):
                for (l_1_section, l_1_kind, l_1_label) in fiter:
                    if (l_1_section in (undefined(name='sections') if l_0_sections is missing else l_0_sections)):
                        yield (l_1_section, l_1_kind, l_1_label)
            for (l_1_section, l_1_kind, l_1_label) in t_4((undefined(name='search_boxes') if l_0_search_boxes is missing else l_0_search_boxes)):
                _loop_vars = {}
                pass
                yield '          <label><input type="checkbox" name="kind" value="'
                yield escape(l_1_kind)
                yield '"> '
                yield escape(l_1_label)
                yield '</label>\n'
            l_1_section = l_1_kind = l_1_label = missing
            yield '        </fieldset>\n'
        yield '        <p class="search-status" role="status"></p>\n        <ol class="search-results"></ol>\n      </form>\n    </search>\n    <script src="'
        yield escape(context.call((undefined(name='asset') if l_0_asset is missing else l_0_asset), 'search.js'))
        yield '" defer></script>\n'
    yield '  </div>\n</header>\n'

blocks = {}
debug_info = '4=40&5=44&6=53&7=57&8=82&9=86&10=88&12=90&14=93&15=95&16=103&24=110'
