"""What both PyInstaller specs leave out (build.spec and benchmarks/bare_window.spec), so the
cold-start comparison freezes the app and the bare window the same way."""

# Qt modules the app never uses (PLATFORM.md: do NOT exclude QtOpenGL/QtOpenGLWidgets,
# pyqtgraph 0.14 always imports them).
EXCLUDES = [
    "PyQt5",
    "PyQt6",
    "PySide2",
    "tkinter",
    "matplotlib",
    "scipy",
    "IPython",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.Qt3DCore",
    "PySide6.QtMultimedia",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtSql",
    "PySide6.QtXml",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtConcurrent",
    "PySide6.QtTest",
    "PySide6.QtDBus",
    "PySide6.QtBluetooth",
    "PySide6.QtPositioning",
    "PySide6.QtSerialPort",
    "PySide6.QtWebSockets",
    "pyqtgraph.opengl",
    "OpenGL",
    "pytest",
    "hypothesis",
    "_pytest",
    "psutil",
    "pypdf",
    "jsonschema",
    "mypy",
]

# Qt plugins (and the libraries they drag in) the app does not need: gtk3 theme pulls
# pango/cairo/harfbuzz/gio; wayland, eglfs, vnc, linuxfb; tls and network information;
# the virtual keyboard pulls in QtQuick.
DROP_PLUGIN_PARTS = (
    "platformthemes/libqgtk3",
    "platforms/libqwayland",
    "wayland-",
    "platforms/libqeglfs",
    "platforms/libqvnc",
    "platforms/libqlinuxfb",
    "platforms/libqvkkhrdisplay",
    "egldeviceintegrations",
    "/tls/",
    "networkinformation",
    "virtualkeyboard",
    "platforminputcontexts/libqtvirtualkeyboard",
    "sqldrivers",
    "qmltooling",
    "multimedia",
    "position",
    "webview",
)


def keep(entry):
    dest = entry[0].replace("\\", "/")
    return not any(part in dest for part in DROP_PLUGIN_PARTS)


def prune_unneeded(binaries):
    """Drop shared libraries nothing kept needs (Linux only).

    Roots are what Python or Qt load by name: extension modules, Qt plugins and libpython. A
    library stays if it is a root or in some root's dependency closure (ldd). What goes is what
    only the dropped plugins pulled in (the gtk3 theme's pango/cairo/gdk-pixbuf stack, ...).
    """
    import os
    import sys

    if not sys.platform.startswith("linux"):
        return binaries
    from PyInstaller.depend import bindepend

    def is_root(dest):
        d = dest.replace("\\", "/")
        if "/plugins/" in d or os.path.basename(d).startswith("libpython"):
            return True
        # extension modules live inside package folders; plain libraries sit at the top level,
        # in PySide6/Qt/lib or in numpy.libs
        return "/" in d and not d.startswith(("PySide6/Qt/lib/", "numpy.libs/"))

    needed = set()
    for dest, src, _kind in binaries:
        if is_root(dest):
            try:
                needed |= {name for name, _path in bindepend.get_imports(src)}
            except Exception:
                return binaries  # cannot analyse: keep everything rather than guess
    return [b for b in binaries if is_root(b[0]) or os.path.basename(b[0]) in needed]
