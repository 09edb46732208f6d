"""docs/publishing.md: the deploy recipes work as written. Every YAML block parses, every
workflow has what a workflow needs, every site-builder command in a recipe parses with the real
command line, and the commands a recipe runs locally run on a copy of the second explainer and
produce what the recipe uploads."""

from __future__ import annotations

import io
import re
import shlex
import shutil
import subprocess
import tarfile
import tomllib
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import fenced_blocks as markdown_fences
from conftest import run_main

from site_builder.cli import make_parser

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "publishing.md"
FIXTURE = REPO / "tests" / "fixtures" / "second-explainer"
PLACEHOLDER = "https://placeholder.example.org"
# Where the recipes start (the sections before describe the commands, not a host).
RECIPES_START = "## Installing site-builder in a deploy job"


def fenced_blocks(text: str) -> list[tuple[str, str]]:
    """(info string, body) of every fenced code block (conftest's CommonMark parse)."""
    return [(fence.info, fence.content) for fence in markdown_fences(text)]


def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def recipes_text() -> str:
    text = doc_text()
    assert RECIPES_START in text
    return text[text.index(RECIPES_START) :]


def substitute(command: str) -> str:
    """Shell and workflow expressions replaced by a placeholder URL (no trailing slash, as
    configure-pages, Netlify's URL and Cloudflare's CF_PAGES_URL give it)."""
    command = re.sub(r"\$\{\{.*?\}\}", PLACEHOLDER, command)
    command = re.sub(r"\$\{[^}]*\}", PLACEHOLDER, command)
    return re.sub(r"\$[A-Za-z_][A-Za-z0-9_]*", PLACEHOLDER, command)


def shell_commands(script: str) -> list[str]:
    """The simple commands of a shell snippet: continuation lines joined, comments dropped,
    split at newlines and `&&`."""
    script = script.replace("\\\n", " ")
    commands = []
    for line in script.splitlines():
        line = line.split(" #", 1)[0].strip()
        if line.startswith("#"):
            continue
        commands += [part.strip() for part in line.split("&&") if part.strip()]
    return commands


def site_builder_argv(command: str) -> list[str] | None:
    """The arguments after `site-builder` (placeholders substituted), or None for another tool."""
    argv = shlex.split(substitute(command))
    if not argv or argv[0] != "site-builder":
        return None
    return argv[1:]


def workflows() -> list[dict]:
    found = []
    for info, body in fenced_blocks(doc_text()):
        if info == "yaml":
            data = yaml.safe_load(body)
            if isinstance(data, dict) and "jobs" in data:
                found.append(data)
    return found


def run_steps(workflow: dict) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]


def recipe_scripts() -> list[str]:
    """Every shell snippet a recipe runs: plain fenced blocks, `run:` steps of workflows and the
    build command of netlify.toml."""
    scripts = [body for info, body in fenced_blocks(recipes_text()) if info in ("", "sh", "bash")]
    for workflow in workflows():
        scripts += run_steps(workflow)
    for info, body in fenced_blocks(recipes_text()):
        if info == "toml":
            scripts.append(tomllib.loads(body)["build"]["command"])
    return scripts


def site_builder_commands() -> list[list[str]]:
    return [
        argv
        for script in recipe_scripts()
        for command in shell_commands(script)
        if (argv := site_builder_argv(command)) is not None
    ]


# -- the blocks parse ---------------------------------------------------------------------------


def test_every_yaml_block_parses() -> None:
    blocks = [body for info, body in fenced_blocks(doc_text()) if info == "yaml"]
    assert blocks
    for body in blocks:
        yaml.safe_load(body)


def test_every_toml_block_parses() -> None:
    blocks = [body for info, body in fenced_blocks(doc_text()) if info == "toml"]
    assert blocks
    for body in blocks:
        data = tomllib.loads(body)
        assert data["build"]["publish"] == "public"


def test_workflows_have_what_a_workflow_needs() -> None:
    found = workflows()
    assert found, "no GitHub Actions workflow in the doc"
    for workflow in found:
        # YAML 1.1 reads the key `on` as True.
        assert "on" in workflow or True in workflow
        assert workflow["jobs"]
        for name, job in workflow["jobs"].items():
            assert job.get("runs-on"), name
            assert job.get("steps"), name
            for step in job["steps"]:
                assert "uses" in step or "run" in step, step


def test_pages_workflow_takes_the_url_from_configure_pages() -> None:
    (workflow,) = [
        w
        for w in workflows()
        if any("deploy-pages" in step.get("uses", "") for job in w["jobs"].values() for step in job["steps"])
    ]
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uses = [step.get("uses", "") for step in steps]
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    (configure,) = [s for s in steps if s.get("uses", "").startswith("actions/configure-pages@")]
    assert configure.get("id") == "pages"
    (upload,) = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload["with"]["path"] == "public"
    runs = run_steps(workflow)
    for verb in ("check", "build"):
        (command,) = [r for r in runs if r.startswith(f"site-builder {verb}")]
        assert '--base-url "${{ steps.pages.outputs.base_url }}/"' in command
    # check runs before build, and both before the upload.
    order = [s.get("run", s.get("uses", "")).split(" --")[0] for s in steps]
    assert order.index("site-builder check") < order.index("site-builder build")
    # Only the job that deploys may publish; the one that installs and builds may not.
    for job in workflow["jobs"].values():
        job_uses = [step.get("uses", "") for step in job["steps"]]
        may_publish = job.get("permissions", workflow.get("permissions", {})).get("pages") == "write"
        assert may_publish == any(u.startswith("actions/deploy-pages@") for u in job_uses)


def test_every_site_builder_command_in_a_recipe_parses() -> None:
    commands = site_builder_commands()
    verbs = {argv[0] for argv in commands}
    assert {"check", "build", "publish"} <= verbs
    parser = make_parser()
    for argv in commands:
        try:
            parser.parse_args(argv)
        except SystemExit:
            pytest.fail(f"site-builder {shlex.join(argv)} does not parse")


def test_hosted_builds_check_before_they_build_with_the_host_url() -> None:
    """Netlify's and Cloudflare's build commands: check first (a broken link must not deploy),
    and the base URL from the host's environment."""
    toml = [tomllib.loads(body) for info, body in fenced_blocks(recipes_text()) if info == "toml"]
    netlify = toml[0]["build"]["command"]
    cloudflare = [
        body
        for info, body in fenced_blocks(recipes_text())
        if "$CF_PAGES_URL" in body and "site-builder build" in body
    ]
    assert cloudflare
    for command, variable in ((netlify, "$URL"), (cloudflare[0], "$CF_PAGES_URL")):
        parts = shell_commands(command)
        verbs = [p.split()[1] for p in parts if p.startswith("site-builder ")]
        assert verbs[:2] == ["check", "build"], command
        for part in parts:
            if part.startswith("site-builder "):
                assert f'--base-url "{variable}/"' in part, part


def test_no_recipe_installs_a_bare_name_from_the_package_index() -> None:
    installs = [
        command
        for script in recipe_scripts()
        for command in shell_commands(script)
        if command.startswith("pip install")
    ]
    assert installs
    for command in installs:
        (target,) = shlex.split(command)[2:]
        assert target in (".", "./site-builder") or re.fullmatch(
            r"site-builder @ git\+https://github\.com/[^/]+/site-builder@\S+", target
        ), command


# -- the local commands run ---------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return root


def run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """A recipe's command, its words as the recipe writes them, through the CLI's main."""
    return run_main(*argv, cwd=cwd)


def local_commands() -> list[list[str]]:
    """The check, build and publish --to archive / --to dir commands of the recipes."""
    found = []
    for argv in site_builder_commands():
        if argv[0] in ("check", "build"):
            found.append(argv)
        elif argv[0] == "publish":
            to = argv[argv.index("--to") + 1]
            if to in ("archive", "dir"):
                found.append(argv)
    return found


def archive_names(path: Path) -> set[str]:
    data = path.read_bytes()
    if path.suffix == ".zip":
        return set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        return {name.removeprefix("./") for name in tar.getnames()}


def test_local_commands_run_and_produce_what_the_recipe_uploads(project: Path, tmp_path: Path) -> None:
    commands = local_commands()
    assert any(a[0] == "build" and "--base-url" in a for a in commands)
    assert any(a[0] == "check" for a in commands)
    assert any(a[0] == "publish" and "archive" in a for a in commands)
    assert any(a[0] == "publish" and "dir" in a for a in commands)
    seen: set[tuple[str, ...]] = set()
    for argv in commands:
        if tuple(argv) in seen:
            continue
        seen.add(tuple(argv))
        argv = list(argv)
        if argv[0] == "publish" and "dir" in argv:
            # The recipe's mounted bucket, as an empty folder here.
            index = argv.index("dir") + 1
            mirror = tmp_path / "mirror"
            shutil.rmtree(mirror, ignore_errors=True)
            argv[index] = str(mirror)
        result = run(argv, project)
        assert result.returncode == 0, (argv, result.stdout, result.stderr)
        if argv[0] == "build":
            public = project / "public"
            assert (public / "index.html").is_file()
            assert (public / "404.html").is_file()
            assert (public / "sitemap.xml").is_file()
        elif argv[0] == "publish" and "archive" in argv:
            archive = project / argv[argv.index("archive") + 1]
            names = archive_names(archive)
            assert {"index.html", "404.html"} <= names, names
            archive.unlink()
        elif argv[0] == "publish" and "dir" in argv:
            assert (Path(argv[argv.index("dir") + 1]) / "index.html").is_file()


def site_paths(page: str) -> list[str]:
    """Every href of every element of a page (links and stylesheets), as the parser reads it."""
    found: list[str] = []

    class Hrefs(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.extend(value for name, value in attrs if name == "href" and value)

    parser = Hrefs()
    parser.feed(page)
    parser.close()
    return found


@pytest.mark.parametrize(
    "url, sub_path",
    [
        (PLACEHOLDER + "/", None),
        ("https://news.example.org/explainers/panjshir/", "/explainers/panjshir/"),
    ],
)
def test_404_page_follows_the_base_url(project: Path, url: str, sub_path: str | None) -> None:
    """A site built for a domain root (as from $URL or $CF_PAGES_URL) has no sub-path in its
    404 page; one built for a sub-path has it."""
    result = run(["build", "--base-url", url], project)
    assert result.returncode == 0, result.stderr
    page = (project / "public" / "404.html").read_text(encoding="utf-8")
    hrefs = [href for href in site_paths(page) if href.startswith("/")]
    assert hrefs
    if sub_path is None:
        assert not any(h.startswith("/explainers/") for h in hrefs), hrefs
    else:
        assert all(h.startswith(sub_path) for h in hrefs), hrefs


def test_no_recipe_overwrites_the_headers_file_the_build_writes(project: Path) -> None:
    """The build's _headers carries the assets' caching and the framing policy: a recipe line
    that wrote its own would drop the policy."""
    assert not [
        c for script in recipe_scripts() for c in shell_commands(script) if "_headers" in c and ">" in c
    ]
    assert run(["build"], project).returncode == 0
    headers = (project / "public" / "_headers").read_text()
    assert "/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n" in headers


# -- the CloudFront function --------------------------------------------------------------------


CLOUDFRONT_CASES = """
var cases = [
  ['/explainers/panjshir/', 'uri', '/explainers/panjshir/index.html'],
  ['/', 'uri', '/index.html'],
  ['/explainers/panjshir/timeline', 'redirect', '/explainers/panjshir/timeline/'],
  ['/explainers/panjshir/assets/site.0123abcd.css', 'uri',
   '/explainers/panjshir/assets/site.0123abcd.css'],
  ['/sitemap.xml', 'uri', '/sitemap.xml'],
];
cases.forEach(function (c) {
  var out = handler({request: {uri: c[0], headers: {}}});
  var got = c[1] === 'uri' ? out.uri
      : (out.statusCode === 301 ? out.headers.location.value : 'no redirect');
  if (got !== c[2]) { throw new Error(c[0] + ': ' + got + ' != ' + c[2]); }
});
"""


def cloudfront_function() -> str:
    (body,) = [b for info, b in fenced_blocks(recipes_text()) if info == "js"]
    assert "function handler(event)" in body
    return body


def test_cloudfront_function(tmp_path: Path) -> None:
    body = cloudfront_function()
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed, so the CloudFront function's JavaScript is not checked")
    script = tmp_path / "function.js"
    script.write_text(body, encoding="utf-8")
    subprocess.run([node, "--check", str(script)], check=True, capture_output=True)
    script.write_text(body + CLOUDFRONT_CASES, encoding="utf-8")
    result = subprocess.run([node, str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
