"""Where each library keeps its names for Discord's codes: which file, which enum or constant
group, read by which source shape, mapped to which table, and how its users write a member.

A table a library has no public enum or constant group for is listed in `no_group` with a short
note: such a library compares bare numbers, and the site never invents a name for it."""
from __future__ import annotations

from dataclasses import dataclass

from . import csharp, go, java, javascript, python_source, rust, typescript

SHAPES = {
    "typescript-enum": typescript.members,
    "javascript-object": javascript.members,
    "java-enum": java.enum_members,
    "java-static-int": java.static_int_members,
    "go-const": go.members,
    "rust-enum": rust.enum_members,
    "rust-const": rust.const_members,
    "csharp-enum": csharp.members,
    "python-class": python_source.members,
}

NO_PUBLIC_GROUP = "no public enum or constant group in the library's source"


@dataclass(frozen=True)
class GroupRecipe:
    table: str
    file: str
    shape: str  # a key of SHAPES
    name: str  # the enum, class, object or module; for go-const the constants' name prefix
    qualify: str  # prepended to a member's name: how users write it


@dataclass(frozen=True)
class Recipe:
    name: str
    repository: str
    groups: tuple[GroupRecipe, ...]
    no_groups: tuple[tuple[str, str], ...]  # (table, note)
    shared_by: tuple[str, ...] = ()
    shared_note: str = ""


def _none(*tables: str, note: str = NO_PUBLIC_GROUP) -> tuple[tuple[str, str], ...]:
    return tuple((table, note) for table in tables)


RPC = ("rpc-error-codes", "rpc-close-codes")

RECIPES = {
    "discord-api-types": Recipe(
        name="discord-api-types",
        repository="https://github.com/discordjs/discord-api-types",
        groups=(
            GroupRecipe("gateway-opcodes", "gateway/v10.ts", "typescript-enum", "GatewayOpcodes", "GatewayOpcodes."),
            GroupRecipe("gateway-close-codes", "gateway/v10.ts", "typescript-enum", "GatewayCloseCodes", "GatewayCloseCodes."),
            GroupRecipe("voice-opcodes", "voice/v8.ts", "typescript-enum", "VoiceOpcodes", "VoiceOpcodes."),
            GroupRecipe("voice-close-codes", "voice/v8.ts", "typescript-enum", "VoiceCloseCodes", "VoiceCloseCodes."),
            GroupRecipe("json-error-codes", "rest/common.ts", "typescript-enum", "RESTJSONErrorCodes", "RESTJSONErrorCodes."),
            GroupRecipe("rpc-error-codes", "rpc/common.ts", "typescript-enum", "RPCErrorCodes", "RPCErrorCodes."),
            GroupRecipe("rpc-close-codes", "rpc/common.ts", "typescript-enum", "RPCCloseEventCodes", "RPCCloseEventCodes."),
        ),
        no_groups=_none("http-status-codes"),
        shared_by=("discord.js",),
        shared_note=("discord.js re-exports every enum of discord-api-types/v10 under the same names "
                     "(packages/discord.js/src/index.js, checked at discord.js commit 219ad7ba07cc)."),
    ),
    "discord.py": Recipe(
        name="discord.py",
        repository="https://github.com/Rapptz/discord.py",
        groups=(
            GroupRecipe("gateway-opcodes", "discord/gateway.py", "python-class", "DiscordWebSocket", "DiscordWebSocket."),
            GroupRecipe("voice-opcodes", "discord/gateway.py", "python-class", "DiscordVoiceWebSocket", "DiscordVoiceWebSocket."),
        ),
        no_groups=(
            *_none("gateway-close-codes", "voice-close-codes", "http-status-codes", "json-error-codes",
                   note="no enum: the library compares bare numbers (HTTPException.code, ConnectionClosed.code)"),
            *_none(*RPC),
        ),
        shared_by=("nextcord", "pycord", "disnake"),
        shared_note=("The forks nextcord, pycord and disnake keep the DiscordWebSocket opcode attributes under the "
                     "same names (disnake annotates them as Final[Literal[...]]); checked at nextcord d5c1fedbcf17, "
                     "pycord e53d4bd82460 and disnake 3bad63c94a1a, their numbers not extracted."),
    ),
    "jda": Recipe(
        name="JDA",
        repository="https://github.com/discord-jda/JDA",
        groups=(
            GroupRecipe("gateway-close-codes", "src/main/java/net/dv8tion/jda/api/requests/CloseCode.java",
                        "java-enum", "CloseCode", "CloseCode."),
            GroupRecipe("json-error-codes", "src/main/java/net/dv8tion/jda/api/requests/ErrorResponse.java",
                        "java-enum", "ErrorResponse", "ErrorResponse."),
        ),
        no_groups=(
            *_none("gateway-opcodes", "voice-opcodes", "voice-close-codes",
                   note="only internal constants (WebSocketCode, VoiceCode), not part of the public API"),
            *_none("http-status-codes", *RPC),
        ),
    ),
    "discordgo": Recipe(
        name="discordgo",
        repository="https://github.com/bwmarrin/discordgo",
        groups=(
            GroupRecipe("json-error-codes", "structs.go", "go-const", "ErrCode", ""),
        ),
        no_groups=_none("gateway-opcodes", "gateway-close-codes", "voice-opcodes", "voice-close-codes",
                        "http-status-codes", *RPC),
    ),
    "serenity": Recipe(
        name="serenity",
        repository="https://github.com/serenity-rs/serenity",
        groups=(
            GroupRecipe("gateway-opcodes", "src/constants.rs", "rust-enum", "Opcode", "Opcode::"),
            GroupRecipe("gateway-close-codes", "src/constants.rs", "rust-const", "close_codes", "close_codes::"),
            GroupRecipe("voice-opcodes", "voice-model/src/opcode.rs", "rust-enum", "Opcode", "voice_model::Opcode::"),
            GroupRecipe("voice-close-codes", "voice-model/src/close_code.rs", "rust-enum", "CloseCode", "voice_model::CloseCode::"),
        ),
        no_groups=_none("http-status-codes", "json-error-codes", *RPC),
    ),
    "twilight": Recipe(
        name="twilight",
        repository="https://github.com/twilight-rs/twilight",
        groups=(
            GroupRecipe("gateway-opcodes", "twilight-model/src/gateway/opcode.rs", "rust-enum", "OpCode", "gateway::OpCode::"),
            GroupRecipe("gateway-close-codes", "twilight-model/src/gateway/close_code.rs", "rust-enum", "CloseCode", "gateway::CloseCode::"),
            GroupRecipe("voice-opcodes", "twilight-model/src/voice/opcode.rs", "rust-enum", "OpCode", "voice::OpCode::"),
            GroupRecipe("voice-close-codes", "twilight-model/src/voice/close_code.rs", "rust-enum", "CloseCode", "voice::CloseCode::"),
        ),
        no_groups=_none("http-status-codes", "json-error-codes", *RPC),
    ),
    "discord.net": Recipe(
        name="Discord.Net",
        repository="https://github.com/discord-net/Discord.Net",
        groups=(
            GroupRecipe("voice-close-codes", "src/Discord.Net.WebSocket/API/Voice/VoiceCloseCode.cs", "csharp-enum",
                        "VoiceCloseCode", "VoiceCloseCode."),
            GroupRecipe("json-error-codes", "src/Discord.Net.Core/DiscordErrorCode.cs", "csharp-enum",
                        "DiscordErrorCode", "DiscordErrorCode."),
        ),
        no_groups=(
            *_none("gateway-opcodes", "voice-opcodes",
                   note="only internal enums (GatewayOpCode, VoiceOpCode), not part of the public API"),
            *_none("gateway-close-codes", "http-status-codes", *RPC),
        ),
    ),
    "dsharpplus": Recipe(
        name="DSharpPlus",
        repository="https://github.com/DSharpPlus/DSharpPlus",
        groups=(
            GroupRecipe("gateway-opcodes", "DSharpPlus/Net/Abstractions/Gateway/GatewayOpCode.cs", "csharp-enum",
                        "GatewayOpCode", "GatewayOpCode."),
            GroupRecipe("gateway-close-codes", "DSharpPlus/Net/Gateway/GatewayCloseCode.cs", "csharp-enum",
                        "GatewayCloseCode", "GatewayCloseCode."),
        ),
        no_groups=_none("voice-opcodes", "voice-close-codes", "http-status-codes", "json-error-codes", *RPC),
    ),
    "hikari": Recipe(
        name="hikari",
        repository="https://github.com/hikari-py/hikari",
        groups=(
            GroupRecipe("gateway-close-codes", "hikari/errors.py", "python-class", "ShardCloseCode", "ShardCloseCode."),
        ),
        no_groups=(
            *_none("gateway-opcodes", note="only private module constants (_HEARTBEAT_ACK and so on)"),
            *_none("voice-opcodes", "voice-close-codes", "http-status-codes", "json-error-codes", *RPC),
        ),
    ),
    "eris": Recipe(
        name="Eris",
        repository="https://github.com/abalabahaha/eris",
        groups=(
            GroupRecipe("gateway-opcodes", "lib/Constants.js", "javascript-object", "GatewayOPCodes", "Constants.GatewayOPCodes."),
            GroupRecipe("voice-opcodes", "lib/Constants.js", "javascript-object", "VoiceOPCodes", "Constants.VoiceOPCodes."),
        ),
        no_groups=_none("gateway-close-codes", "voice-close-codes", "http-status-codes", "json-error-codes", *RPC),
    ),
    "oceanic": Recipe(
        name="Oceanic.js",
        repository="https://github.com/OceanicJS/Oceanic",
        groups=(
            GroupRecipe("gateway-opcodes", "lib/Constants.ts", "typescript-enum", "GatewayOPCodes", "GatewayOPCodes."),
            GroupRecipe("gateway-close-codes", "lib/Constants.ts", "typescript-enum", "GatewayCloseCodes", "GatewayCloseCodes."),
            GroupRecipe("voice-opcodes", "lib/Constants.ts", "typescript-enum", "VoiceOPCodes", "VoiceOPCodes."),
            GroupRecipe("voice-close-codes", "lib/Constants.ts", "typescript-enum", "VoiceCloseCodes", "VoiceCloseCodes."),
            GroupRecipe("json-error-codes", "lib/Constants.ts", "typescript-enum", "JSONErrorCodes", "JSONErrorCodes."),
        ),
        no_groups=_none("http-status-codes", *RPC),
    ),
}
