"""Each source-shape parser on small snippets written for these tests, with the traps real
libraries contain: implicit increments, digit separators, comments between members, aliases,
arguments over several lines, attributes, catch-all arms, typed and iota constants."""
from __future__ import annotations

import pytest

from macros.libraries import csharp, go, java, javascript, python_source, rust, typescript
from macros.libraries.source import ShapeError, blank_comments, integer


def triples(members):
    return [(m.name, m.code, m.line) for m in members]


def test_integer_literals_in_every_spelling():
    assert [integer(s) for s in ("4_000", "0x1F", "4000u16", "12L", "7", "-1")] == [4000, 31, 4000, 12, 7, -1]
    assert integer("Other.Member") is None and integer("'4000'") is None


def test_blanking_comments_keeps_lines_and_ignores_comment_markers_in_strings():
    source = 'a = "http://x" // gone\n/* two\nlines */ b'
    clean = blank_comments(source)
    assert clean.splitlines()[0].rstrip() == 'a = "http://x"'
    assert clean.count("\n") == source.count("\n") and clean.endswith(" b")


TYPESCRIPT = """\
export enum Other { A = 9 }
export enum CloseCodes {
\t/** First, with a comma, in a comment = 1 */
\tUnknownError = 4_000,
\t// implicit: 4001
\tUnknownOpcode,
\tLegacyName = UnknownOpcode,
\tQualified = CloseCodes.UnknownError,
\tAfterAlias,
\tLast = 4_014
}
"""


def test_typescript_enum_increments_separators_comments_and_aliases():
    assert triples(typescript.members(TYPESCRIPT, "CloseCodes")) == [
        ("UnknownError", 4000, 4), ("UnknownOpcode", 4001, 6), ("LegacyName", 4001, 7),
        ("Qualified", 4000, 8), ("AfterAlias", 4001, 9), ("Last", 4014, 10)]


def test_typescript_enum_starts_at_zero_and_a_missing_enum_is_an_error():
    assert triples(typescript.members("enum Ops { Dispatch, Heartbeat }", "Ops")) == [("Dispatch", 0, 1), ("Heartbeat", 1, 1)]
    with pytest.raises(ShapeError):
        typescript.members(TYPESCRIPT, "Missing")


JAVA = """\
public enum ErrorResponse {
    UNKNOWN_ACCOUNT(10001, "Unknown; account // not a comment"),
    MISSING_ACCESS(
            50001,
            "Missing, access"),
    @Deprecated
    OLD_ONE(50002, "x", false),
    SERVER_ERROR(0, "fine");

    private final int code;
    ErrorResponse(int code, String meaning) { this.code = code; }

    public enum Close {
        TIMEOUT(1000, "no"),
        GONE(4014, "yes");
        Close(int code, String m) {}
    }
}
"""


def test_java_enum_with_multi_line_arguments_strings_and_annotations():
    assert triples(java.enum_members(JAVA, "ErrorResponse")) == [
        ("UNKNOWN_ACCOUNT", 10001, 2), ("MISSING_ACCESS", 50001, 3), ("OLD_ONE", 50002, 7), ("SERVER_ERROR", 0, 8)]


def test_java_nested_enum_and_static_int_constants():
    assert triples(java.enum_members(JAVA, "Close")) == [("TIMEOUT", 1000, 14), ("GONE", 4014, 15)]
    codes = "public final class Codes {\n    public static final int HELLO = 10;\n    static final int ACK = 0x0B;\n}"
    assert triples(java.static_int_members(codes, "Codes")) == [("HELLO", 10, 2), ("ACK", 11, 3)]


GO = """\
package x

const (
\t// A comment line between members
\tErrCodeUnknownAccount = 10001
\tErrCodeMissingAccess  = 50_001 // trailing comment
\tNotAnError = "text"
)

type Op int

const (
\tOpDispatch Op = iota
\tOpHeartbeat
\t_
\tOpIdentify
\tErrCodeTyped Op = 7
)
"""


def test_go_const_blocks_by_prefix_with_iota_and_typed_members():
    assert triples(go.members(GO, "ErrCode")) == [
        ("ErrCodeUnknownAccount", 10001, 5), ("ErrCodeMissingAccess", 50001, 6), ("ErrCodeTyped", 7, 17)]
    assert triples(go.members(GO, "Op")) == [("OpDispatch", 0, 13), ("OpHeartbeat", 1, 14), ("OpIdentify", 3, 16)]
    with pytest.raises(ShapeError):
        go.members(GO, "Close")


RUST = """\
enum_number! {
    /// Gateway opcodes.
    #[derive(Clone, Copy)]
    #[non_exhaustive]
    pub enum Opcode {
        /// Dispatches an event = 99, says the comment.
        Dispatch = 0,
        #[serde(rename = "x")]
        Heartbeat = 1,
        Large = 4_014,
        _ => Unknown(u8),
    }
}

pub mod close_codes {
    /// Unknown error.
    pub const UNKNOWN_ERROR: u16 = 4000;
    pub const DISALLOWED: u16 = 4_014;
}

pub mod other { pub const NOT_THIS: u16 = 1; }
"""


def test_rust_enum_with_doc_comments_attributes_and_a_catch_all_arm():
    assert triples(rust.enum_members(RUST, "Opcode")) == [("Dispatch", 0, 7), ("Heartbeat", 1, 9), ("Large", 4014, 10)]


def test_rust_pub_const_group_of_one_module():
    assert triples(rust.const_members(RUST, "close_codes")) == [("UNKNOWN_ERROR", 4000, 17), ("DISALLOWED", 4014, 18)]


CSHARP = """\
namespace Discord
{
    /// <summary> Codes, 1, 2 </summary>
    public enum DiscordErrorCode : int
    {
        GeneralError = 0,

        #region Unknown (10XXX)
        UnknownAccount = 10001,
        UnknownApplication,
        #endregion

        [Obsolete("Use another, please", false)]
        OldName = 10001,
        MissingPermissions = 50013
    }
}
"""


def test_csharp_enum_with_regions_attributes_base_type_and_increments():
    assert triples(csharp.members(CSHARP, "DiscordErrorCode")) == [
        ("GeneralError", 0, 6), ("UnknownAccount", 10001, 9), ("UnknownApplication", 10002, 10),
        ("OldName", 10001, 14), ("MissingPermissions", 50013, 15)]


PYTHON = '''\
import typing
from typing import Final, Literal

LIMIT: Final = 4000
BARE: Final[Literal[4001]]


class DiscordWebSocket:
    """Docstring = 5"""
    DEFAULT_GATEWAY = "wss://example.invalid"
    DISPATCH = 0
    HEARTBEAT_ACK: Final[Literal[11]] = 11
    TYPED: typing.Final[typing.Literal[12]]
    def method(self):
        INSIDE = 99


class ShardCloseCode(int, Enum):
    UNKNOWN_ERROR = 4_000
    """A code."""
'''


def test_python_class_attributes_final_literal_and_separators():
    assert triples(python_source.members(PYTHON, "DiscordWebSocket")) == [
        ("DISPATCH", 0, 11), ("HEARTBEAT_ACK", 11, 12), ("TYPED", 12, 13)]
    assert triples(python_source.members(PYTHON, "ShardCloseCode")) == [("UNKNOWN_ERROR", 4000, 19)]


def test_python_module_level_constants_and_missing_class():
    assert triples(python_source.members(PYTHON, "")) == [("LIMIT", 4000, 4), ("BARE", 4001, 5)]
    with pytest.raises(ShapeError):
        python_source.members(PYTHON, "VoiceWebSocket")


JAVASCRIPT = """\
module.exports.Other = { X: 1 };
module.exports.GatewayOPCodes = {
  DISPATCH:   0,
  EVENT:      0, // an old name for the same code
  "HEARTBEAT": 1,
  /* HELLO: 10, commented out */
  name: "not a code",
  ACK: 0x0b,
};
"""


def test_javascript_object_literal_with_quoted_keys_comments_and_non_numbers():
    assert triples(javascript.members(JAVASCRIPT, "GatewayOPCodes")) == [
        ("DISPATCH", 0, 3), ("EVENT", 0, 4), ("HEARTBEAT", 1, 5), ("ACK", 11, 8)]
