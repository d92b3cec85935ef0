"""Bazel macros for declaring applets and assembling multicall binaries.

    load("//registry:defs.bzl", "applet", "applet_family", "multicall_binary")

    applet(name = "cat", src = "cat.cc", deps = [...])
    applet_family(name = "zstd_family", src = "zstd.cc", applets = ["zstd", "unzstd"])
    multicall_binary(name = "mybox", applets = ["//applets/core:cat", ":unzstd", ":hello"])

An applet is a cc_library plus its source, whose front-matter block carries
the name, aliases, install directory and help (see registry/gen). A family
source declares several applets, one block each, in one cc_library; each
applet still has its own label. The
binary's applet table is generated from exactly the applets listed, so
nothing else is linked in, and two applets with one name fail the build.
"""

load("@rules_cc//cc:defs.bzl", "cc_binary", "cc_library")

AppletInfo = provider(
    doc = "Applet sources (with their labels) that a multicall binary registers.",
    fields = {"entries": "depset of struct(label, src, applet): applet names the block of a family source, or is empty"},
)

def _applet_impl(ctx):
    entry = struct(label = str(ctx.label), src = ctx.file.src, applet = ctx.attr.applet)
    return [
        AppletInfo(entries = depset([entry])),
        ctx.attr.lib[CcInfo],
    ]

_applet = rule(
    implementation = _applet_impl,
    attrs = {
        "lib": attr.label(providers = [CcInfo], mandatory = True),
        "src": attr.label(allow_single_file = [".cc"], mandatory = True),
        "applet": attr.string(),
    },
)

def _applet_set_impl(ctx):
    return [
        AppletInfo(entries = depset(transitive = [a[AppletInfo].entries for a in ctx.attr.applets])),
        cc_common.merge_cc_infos(cc_infos = [a[CcInfo] for a in ctx.attr.applets]),
    ]

_applet_set = rule(
    implementation = _applet_set_impl,
    attrs = {"applets": attr.label_list(providers = [AppletInfo, CcInfo])},
)

# The linker's start-up ordering (scripts/startup_order.py writes it): code
# and data that applets touch on every exec placed side by side.
_STARTUP_ORDER = str(Label("//multicall:startup_order.txt"))

# lld: identical code folding, and the start-up ordering, which only lld can
# apply to the C library's objects as well as ours.
_LINKOPTS = [
    "-static",
    "-fuse-ld=lld",
    "-Wl,--icf=all",
    "-Wl,--symbol-ordering-file=$(location %s)" % _STARTUP_ORDER,
    "-Wl,--no-warn-symbol-ordering",
]

def _applet_source(name, src, deps, visibility, testonly, **kwargs):
    """The cc_library NAME_lib of an applet or family source."""
    cc_library(
        name = name + "_lib",
        srcs = [src],
        deps = deps + ["//registry:applet"],
        visibility = visibility,
        testonly = testonly,
        **kwargs
    )
    return ":" + name + "_lib"

def applet(name, src = None, deps = [], visibility = ["//visibility:public"], testonly = False, **kwargs):
    """Declares one applet from its source file (default: NAME.cc)."""
    src = src or (name + ".cc")
    lib = _applet_source(name, src, deps, visibility, testonly, **kwargs)
    _applet(name = name, src = src, lib = lib, visibility = visibility, testonly = testonly)
    if not testonly:
        _alone(name)

def applet_family(name, src, applets, deps = [], visibility = ["//visibility:public"], testonly = False, **kwargs):
    """Declares the applets of one family source (several front-matter blocks).

    One cc_library (NAME_lib) holds the source; each applet in `applets`
    gets its own label, usable wherever an applet is, and `name` groups them.
    """
    lib = _applet_source(name, src, deps, visibility, testonly, **kwargs)
    for a in applets:
        _applet(name = a, src = src, applet = a, lib = lib, visibility = visibility, testonly = testonly)
        if not testonly:
            _alone(a)
    applet_set(name = name, applets = [":" + a for a in applets], visibility = visibility)

def applet_set(name, applets, visibility = ["//visibility:public"]):
    """Groups applets under one label, usable wherever an applet is."""
    _applet_set(name = name, applets = applets, visibility = visibility)
    _alone(name)

def _alone(name):
    # NAME_alone: a multicall binary holding only this applet (or set), built
    # on demand (tag manual) by scripts/bloat.sh to measure marginal bytes.
    multicall_binary(name = name + "_alone", applets = [":" + name], tags = ["manual"])

def _registry_impl(ctx):
    entries = depset(transitive = [a[AppletInfo].entries for a in ctx.attr.applets]).to_list()
    args = ctx.actions.args()
    args.add("--name", ctx.attr.binary_name)
    args.add("--cc", ctx.outputs.cc)
    args.add("--manifest", ctx.outputs.manifest)
    for e in entries:
        args.add("%s=%s%s" % (e.label, e.src.path, "#" + e.applet if e.applet else ""))
    ctx.actions.run(
        executable = ctx.executable._gen,
        arguments = [args],
        inputs = [e.src for e in entries],
        outputs = [ctx.outputs.cc, ctx.outputs.manifest],
        mnemonic = "AppletRegistry",
        progress_message = "Generating applet table for %s" % ctx.label,
    )

_registry = rule(
    implementation = _registry_impl,
    attrs = {
        "applets": attr.label_list(providers = [AppletInfo]),
        "binary_name": attr.string(default = "multicall"),
        "cc": attr.output(mandatory = True),
        "manifest": attr.output(mandatory = True),
        "_gen": attr.label(
            default = "//registry/gen:registry_gen",
            executable = True,
            cfg = "exec",
        ),
    },
)

def multicall_binary(name, applets, visibility = None, tags = None, **kwargs):
    """Assembles a fully static multicall binary from a list of applets.

    Creates:
      NAME                 the binary
      NAME_registry        its applet table as a cc_library (for tests)
      NAME.manifest.tsv    name, install directory and label of every name
    """
    _registry(
        name = name + "_table",
        applets = applets,
        binary_name = name,
        cc = name + "_table.cc",
        manifest = name + ".manifest.tsv",
        visibility = visibility,
        tags = tags,
    )
    cc_library(
        name = name + "_registry",
        srcs = [name + "_table.cc"],
        deps = applets + ["//registry", "//registry:applet"],
        # The lookup code and the dispatcher call into the table, and they
        # link after it: keep its object whole.
        alwayslink = True,
        visibility = visibility,
        tags = tags,
    )
    # Sanitizer builds (--config=asan/ubsan, //:dynamic_link) link
    # dynamically with the default linker, as the sanitizer
    # runtimes need; the default build is fully static.
    dynamic = str(Label("//:dynamic_link"))
    cc_binary(
        name = name,
        deps = [
            ":" + name + "_registry",
            "//multicall:dispatcher",
        ],
        additional_linker_inputs = [_STARTUP_ORDER],
        linkopts = select({dynamic: [], "//conditions:default": _LINKOPTS}),
        visibility = visibility,
        tags = tags,
        **kwargs
    )

def applet_group(name, applets = [], families = {}, deps = {}, common_deps = [], visibility = ["//visibility:public"]):
    """Declares applets NAME.cc for each name in `applets` and groups them as `name`.

    families maps a family source's stem (FAMILY.cc) to the applets it
    declares (see applet_family; its library is FAMILY_family_lib).
    deps maps an applet or family stem to its extra deps; common_deps go to all.
    Adding an applet to a group is one line in `applets` (or in its family).
    """
    members = []
    for a in applets:
        applet(name = a, deps = common_deps + deps.get(a, []), visibility = visibility)
        members.append(":" + a)
    for stem, names in families.items():
        applet_family(
            name = stem + "_family",
            src = stem + ".cc",
            applets = names,
            deps = common_deps + deps.get(stem, []),
            visibility = visibility,
        )
        members += [":" + a for a in names]
    applet_set(name = name, applets = sorted(members), visibility = visibility)

def applet_test(name, applets, srcs = None, deps = [], **kwargs):
    """A Catch2 test that runs `applets` in-process (tests/harness/in_process.h).

    The test links its own applet table holding only `applets`, so it does
    not depend on the rest of the tree.
    """
    _registry(
        name = name + "_table",
        applets = applets,
        cc = name + "_table.cc",
        manifest = name + ".manifest.tsv",
        testonly = True,
    )
    cc_library(
        name = name + "_registry",
        srcs = [name + "_table.cc"],
        deps = applets + ["//registry", "//registry:applet"],
        alwayslink = True,
        testonly = True,
    )
    native.cc_test(
        name = name,
        srcs = srcs or [name + ".cc"],
        deps = deps + [
            ":" + name + "_registry",
            "//tests/harness:in_process",
            "//tests/harness:catch_main",
        ],
        **kwargs
    )
