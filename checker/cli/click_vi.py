"""click's own messages ("Usage:", "No such option", "Missing argument" …) in Vietnamese, English alongside.

click marks its messages for gettext (``_()`` / ``ngettext()`` in each module); :func:`install`
replaces those two functions in click's modules with ones that look the English text up here and
return "Vietnamese / English".  A message not listed passes through unchanged.
"""

from __future__ import annotations

import gettext
import sys

VI: dict[str, str] = {
    "Usage:": "Cách dùng / Usage:",
    "Options": "Tuỳ chọn / Options",
    "Commands": "Lệnh / Commands",
    "Positional arguments": "Tham số / Positional arguments",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát / show this message and exit.",
    "Show the version and exit.": "In phiên bản rồi thoát / show the version and exit.",
    "Error: {message}": "Lỗi / Error: {message}",
    "Try '{command} {option}' for help.": "Xem '{command} {option}' để được hướng dẫn / "
                                          "try '{command} {option}' for help.",
    "No such option {name!r}.": "Không có tuỳ chọn {name!r} / no such option {name!r}.",
    "No such command {name!r}.": "Không có lệnh {name!r} / no such command {name!r}.",
    "Missing argument": "Thiếu tham số / missing argument",
    "Missing option": "Thiếu tuỳ chọn / missing option",
    "Missing parameter": "Thiếu tham số / missing parameter",
    "Missing command.": "Thiếu lệnh / missing command.",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint} / invalid value for "
                                                 "{param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ / invalid value: {message}",
    "Option {name!r} does not take a value.": "Tuỳ chọn {name!r} không nhận giá trị / option {name!r} takes no value.",
    "Option {name!r} requires an argument.": "Tuỳ chọn {name!r} cần một giá trị / "
                                             "option {name!r} requires an argument.",
    "Option {name!r} requires {nargs} arguments.": "Tuỳ chọn {name!r} cần {nargs} giá trị / option {name!r} requires "
                                                   "{nargs} arguments.",
    "Got unexpected extra argument ({args})": "Thừa tham số ({args}) / got unexpected extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Thừa các tham số ({args}) / got unexpected extra arguments ({args})",
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}? / did you mean {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải một trong: {possibilities}? / did you mean one of these?)",
    "{value!r} is not {choice}.": "{value!r} không phải {choice} / {value!r} is not {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} không thuộc {choices} / {value!r} is not one of {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải số hợp lệ ({number_type}) / "
                                               "{value!r} is not a valid {number_type}.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range} / {value} is not in the range {range}.",
    "{value!r} does not match the format {format}.": "{value!r} không đúng dạng {format} / {value!r} does not "
                                                     "match the format {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} không đúng dạng nào trong {formats} / {value!r} "
                                                       "does not match the formats {formats}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại / does not exist.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là thư mục / is a directory.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là tệp / is a file.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r} / could not open file: {message}",
    "Aborted!": "Đã dừng / aborted!",
    "default: {default}": "mặc định / default: {default}",
    "required": "bắt buộc / required",
}


def translate(message: str) -> str:
    """The Vietnamese / English form of one of click's messages (unchanged when unknown)."""
    return VI.get(message, message)


def translate_plural(singular: str, plural: str, count: int) -> str:
    """Click's ``ngettext``: the chosen form, translated."""
    return translate(singular if count == 1 else plural)


def install() -> None:
    """Make every loaded click module speak Vietnamese first (idempotent)."""
    for name, module in list(sys.modules.items()):
        if not (name == "click" or name.startswith("click.")) or module is None:
            continue
        if getattr(module, "_", None) is gettext.gettext:
            module._ = translate  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = translate_plural  # type: ignore[attr-defined]
