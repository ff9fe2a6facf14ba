"""The completion scripts ``cvtex completion bash|zsh|fish`` prints, and the Python side
that answers them (``_CVTEX_COMPLETE=bash_complete cvtex``).

click's own bash script hands click the words as bash split them, and bash splits a
word at every character of ``COMP_WORDBREAKS``, ``=`` and ``:`` among them:
``--set design.paper=a`` reaches click as ``design.paper = a``, and ``--locale=d`` as
``--locale = d``, so nothing completes. cvtex's bash script rejoins those pieces (with
bash-completion's ``_get_comp_words_by_ref -n =:`` when it is loaded, else by itself
from ``COMP_LINE``), gives click the true words, and tells it the start of the current
word that bash keeps (``design.paper=``): :class:`BashCompletion` leaves that out of
each completion, as bash replaces only what follows it, and escapes the rest for the
shell (``Mon\\ YYYY``). A single completion that ends in ``=``, ``.`` or ``[`` gets no
space after it, so the user types the value or the next field right away.

zsh and fish keep ``--set=PATH`` as one word and replace all of it, so their classes
put back the ``--set=`` that click leaves out of a completion; the zsh script adds no
space after a completion that ends in ``=``, ``.`` or ``[`` (fish adds none after
``=`` or ``.`` by itself). Both quote what they insert themselves.
"""

from __future__ import annotations

import os
import re
from typing import ClassVar

from click.shell_completion import (
    BashComplete,
    CompletionItem,
    FishComplete,
    ShellComplete,
    ZshComplete,
    add_completion_class,
    split_arg_string,
)

# %-formatted by ShellComplete.source: a literal % is written %%.
_SOURCE_BASH = r"""%(complete_func)s_words() {
    # words, cword and cur as `_get_comp_words_by_ref -n =: cur words cword` sets them:
    # the words up to the cursor, with the pieces bash broke at = and : joined again.
    local line=${COMP_LINE:0:COMP_POINT} gap piece i
    words=()
    for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
        gap=${line%%%%[![:space:]]*}
        line=${line:${#gap}}
        if [[ -z $line ]]; then
            [[ -n $gap || ${#words[@]} -eq 0 ]] && words+=("")
            break
        fi
        piece=${COMP_WORDS[i]}
        [[ -n $piece && $line == "$piece"* ]] || piece=$line
        if ((${#words[@]})) && [[ -z $gap ]] &&
            [[ $piece =~ ^[=:]+$ || ${words[${#words[@]}-1]} == *[=:] ]]; then
            words[${#words[@]}-1]+=$piece
        else
            words+=("$piece")
        fi
        line=${line:${#piece}}
    done
    cword=$((${#words[@]} - 1))
    cur=${words[cword]}
}

%(complete_func)s() {
    local cur words cword
    if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
        _get_comp_words_by_ref -n =: cur words cword
        words=("${words[@]:0:cword}" "$cur") # the word up to the cursor, as below
    else
        %(complete_func)s_words
    fi

    # What bash keeps of the current word: up to the last = or : it breaks at, or,
    # inside an open quote, up to the quote.
    local kept= quote= start=0 c i
    for ((i = 0; i < ${#cur}; i++)); do
        c=${cur:i:1}
        if [[ -n $quote ]]; then
            if [[ $c == "$quote" ]]; then
                quote=
            elif [[ $c == \\ && $quote == \" ]]; then
                ((i++))
            fi
        elif [[ $c == \\ ]]; then
            ((i++))
        elif [[ $c == [\'\"] ]]; then
            quote=$c start=$i
        elif [[ $c == [=:] && $COMP_WORDBREAKS == *"$c"* ]]; then
            kept=${cur:0:i+1}
        fi
    done
    [[ -n $quote ]] && kept=${cur:0:start}

    local IFS=$'\n' completion type
    local -a response # read into an array: a glob such as work[0] is never expanded
    mapfile -t response < <(env COMP_WORDS="${words[*]}" COMP_CWORD=$cword \
_CVTEX_COMP_KEPT="$kept" _CVTEX_COMP_QUOTE="$quote" \
%(complete_var)s=bash_complete $1)

    COMPREPLY=()
    for completion in "${response[@]}"; do
        type=${completion%%%%,*}
        if [[ $type == dir ]]; then
            COMPREPLY=()
            compopt -o dirnames
        elif [[ $type == file ]]; then
            COMPREPLY=()
            compopt -o default
        elif [[ $type == plain ]]; then
            COMPREPLY+=("${completion#*,}")
        fi
    done
    if ((${#COMPREPLY[@]} == 1)) && [[ ${COMPREPLY[0]} == *[=.[] ]]; then
        compopt -o nospace
    fi
    return 0
}

%(complete_func)s_setup() {
    complete -o nosort -F %(complete_func)s %(prog_name)s
}

%(complete_func)s_setup;
"""

# click's zsh script, with a second pair of lists for the completions that continue
# (they end in =, . or [): those are added with an empty suffix, so no space follows.
_SOURCE_ZSH = r"""#compdef %(prog_name)s

%(complete_func)s() {
    local -a completions completions_with_descriptions
    local -a continued continued_with_descriptions
    local -a response
    (( ! $+commands[%(prog_name)s] )) && return 1

    response=("${(@f)$(env COMP_WORDS="${words[*]}" COMP_CWORD=$((CURRENT-1)) \
%(complete_var)s=zsh_complete %(prog_name)s)}")

    for type key descr in ${response}; do
        if [[ "$type" == "plain" ]]; then
            if [[ "$key" == *[=.\[] ]]; then
                if [[ "$descr" == "_" ]]; then
                    continued+=("$key")
                else
                    continued_with_descriptions+=("$key":"$descr")
                fi
            elif [[ "$descr" == "_" ]]; then
                completions+=("$key")
            else
                completions_with_descriptions+=("$key":"$descr")
            fi
        elif [[ "$type" == "dir" ]]; then
            _path_files -/
        elif [[ "$type" == "file" ]]; then
            _path_files -f
        fi
    done

    if [ -n "$completions_with_descriptions" ]; then
        _describe -V unsorted completions_with_descriptions -U
    fi
    if [ -n "$continued_with_descriptions" ]; then
        _describe -V unsorted continued_with_descriptions -U -S ''
    fi
    if [ -n "$completions" ]; then
        compadd -U -V unsorted -a completions
    fi
    if [ -n "$continued" ]; then
        compadd -U -V unsorted -S '' -a continued
    fi
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    # autoload from fpath, call function directly
    %(complete_func)s "$@"
else
    # eval/source/. command, register function for later
    compdef %(complete_func)s %(prog_name)s
fi
"""

_UNSAFE_FOR_BASH = re.compile(r"[^\w@%+=:,./\[\]-]")
"""What bash would read as more than a character of a word: spaces, quotes, ``$``,
``*``, ``~``, ``#``, ``!``… (``[`` and ``]`` are left as typed in ``work[0].name``)."""
_UNSAFE_IN_DOUBLE_QUOTES = re.compile(r'[\\"$`]')


def _whole_word(incomplete: str, value: str) -> str:
    """The word a completion stands for. For ``--set=des`` click completes only what
    follows the first ``=`` of an option (``des``); put the ``--set=`` back."""
    if incomplete == "=":
        return incomplete + value
    if incomplete.startswith("-") and "=" in incomplete:
        return incomplete[: incomplete.index("=") + 1] + value
    return value


class _WholeWords(ShellComplete):
    """``complete`` that formats each completion knowing the word being completed:
    by default the whole word, as zsh and fish replace all of it."""

    def reply(self, item: CompletionItem, incomplete: str) -> str | None:
        if item.type == "plain":
            item = CompletionItem(_whole_word(incomplete, str(item.value)), help=item.help)
        return self.format_completion(item)

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        replies = (self.reply(item, incomplete) for item in self.get_completions(args, incomplete))
        return "\n".join(reply for reply in replies if reply is not None)


class BashCompletion(_WholeWords, BashComplete):
    """bash: the script above, and completions written as bash replaces them."""

    source_template: ClassVar[str] = _SOURCE_BASH

    def reply(self, item: CompletionItem, incomplete: str) -> str | None:
        if item.type != "plain":
            return f"{item.type},{item.value}"
        kept = "".join(split_arg_string(os.environ.get("_CVTEX_COMP_KEPT", "")))
        word = _whole_word(incomplete, str(item.value))
        if not word.startswith(kept):
            return None
        text = word[len(kept) :]
        quote = os.environ.get("_CVTEX_COMP_QUOTE", "")  # readline closes it
        unsafe = {"": _UNSAFE_FOR_BASH, '"': _UNSAFE_IN_DOUBLE_QUOTES}.get(quote)
        if unsafe is not None:  # inside '…' every character stands for itself
            text = unsafe.sub(lambda match: "\\" + match.group(), text)
        return f"plain,{text}"


class ZshCompletion(_WholeWords, ZshComplete):
    """zsh: the whole word back, and no space after ``=``, ``.`` or ``[``."""

    source_template: ClassVar[str] = _SOURCE_ZSH


class FishCompletion(_WholeWords, FishComplete):
    """fish: the whole word back (fish matches completions against all of it); click's
    script, as fish adds no space after ``=`` or ``.`` by itself."""


SHELLS: dict[str, type[ShellComplete]] = {
    "bash": BashCompletion,
    "zsh": ZshCompletion,
    "fish": FishCompletion,
}


def register() -> None:
    """Answer ``_CVTEX_COMPLETE=…_complete`` with these classes instead of click's."""
    for shell in SHELLS.values():
        add_completion_class(shell)
