from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/picture.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_picture_class = resolve('picture_class')
    l_0_picture = resolve('picture')
    l_0_sizes = resolve('sizes')
    l_0_url = resolve('url')
    l_0_lead = resolve('lead')
    l_0_ui = resolve('ui')
    try:
        t_1 = environment.filters['fill']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'fill' found.")
    pass
    yield '<figure class="picture'
    if (undefined(name='picture_class') if l_0_picture_class is missing else l_0_picture_class):
        pass
        yield ' '
        yield escape((undefined(name='picture_class') if l_0_picture_class is missing else l_0_picture_class))
    yield '">\n  <picture>\n'
    if environment.getattr((undefined(name='picture') if l_0_picture is missing else l_0_picture), 'sources'):
        pass
        yield '    <source type="image/webp" srcset="'
        l_1_loop = missing
        for (l_1_path, l_1_width), l_1_loop in LoopContext(environment.getattr((undefined(name='picture') if l_0_picture is missing else l_0_picture), 'sources'), undefined):
            _loop_vars = {}
            pass
            yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), l_1_path, _loop_vars=_loop_vars))
            yield ' '
            yield escape(l_1_width)
            yield 'w'
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ', '
        l_1_loop = l_1_path = l_1_width = missing
        yield '" sizes="'
        yield escape((undefined(name='sizes') if l_0_sizes is missing else l_0_sizes))
        yield '">\n'
    yield '    <img src="'
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), environment.getattr((undefined(name='picture') if l_0_picture is missing else l_0_picture), 'src')))
    yield '" width="'
    yield escape(environment.getattr((undefined(name='picture') if l_0_picture is missing else l_0_picture), 'width'))
    yield '" height="'
    yield escape(environment.getattr((undefined(name='picture') if l_0_picture is missing else l_0_picture), 'height'))
    yield '" alt="'
    yield escape(environment.getattr((undefined(name='picture') if l_0_picture is missing else l_0_picture), 'alt'))
    yield '"'
    if (undefined(name='lead') if l_0_lead is missing else l_0_lead):
        pass
        yield ' fetchpriority="high"'
    else:
        pass
        yield ' loading="lazy" decoding="async"'
    yield '>\n  </picture>\n  <figcaption>'
    if environment.getattr((undefined(name='picture') if l_0_picture is missing else l_0_picture), 'caption'):
        pass
        yield '<span class="picture-caption">'
        yield escape(environment.getattr((undefined(name='picture') if l_0_picture is missing else l_0_picture), 'caption'))
        yield '</span> '
    yield '<span class="picture-credit">'
    yield escape(t_1(environment.getitem((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'picture.credit'), credit=environment.getattr((undefined(name='picture') if l_0_picture is missing else l_0_picture), 'credit')))
    yield '</span></figcaption>\n</figure>\n'

blocks = {}
debug_info = '4=24&6=29&7=33&9=48&11=63'
