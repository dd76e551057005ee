"""Element paths ("/html/body/div[2]/p", as lxml's getpath writes them).

lxml's getelementpath is the quick way on ordinary pages (one call in C), but it counts an
element's same-tag siblings on every call: on a page whose body holds tens of thousands of
paragraphs side by side, time grows with the square of their number (a 16 MB page spent most
of its parse there). WalkPaths numbers each parent's children once instead; the walker
switches to it when it meets a parent with more than MANY_CHILDREN children.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

#: Paths whose steps path_steps remembers (about 1.5 MB at most; a page is read in order).
PATH_STEPS_CACHE = 4096
#: An element path as steps from the root: (tag, position among same-tag siblings, from 1).
PathSteps = tuple[tuple[str, int], ...]


@lru_cache(maxsize=PATH_STEPS_CACHE)
def path_steps(path: str) -> PathSteps:
    """"/html/body/div[2]/p" → (("html", 1), ("body", 1), ("div", 2), ("p", 1)). Memoised:
    the output steps (structure, tables kept whole, comment posts) read each block's path
    several times."""
    steps = []
    for step in path.strip("/").split("/"):
        tag, _, index = step.partition("[")
        steps.append((tag, int(index.rstrip("]")) if index else 1))
    return tuple(steps)


#: Children above which a parent makes lxml's path functions slow enough to switch to
#: WalkPaths (the dev pages' widest parent has 1,521; 90 % of them have none above 190).
MANY_CHILDREN = 1000


class LxmlPaths:
    """Paths by lxml's getelementpath, prefixed with the root's own path."""

    __slots__ = ("_tree", "_root_path")

    def __init__(self, tree: etree._ElementTree) -> None:
        self._tree = tree
        root = tree.getroot()
        alone = not any(sibling.tag == root.tag for sibling in
                        (*root.itersiblings(preceding=True), *root.itersiblings()))
        #: "/html", unless the root has same-tag siblings: then getpath, which numbers the
        #: root ("/html[1]/...").
        self._root_path = f"/{root.tag}" if alone else None

    def of(self, element: etree._Element) -> str:
        """The element's path: the same string ``tree.getpath(element)`` gives."""
        if self._root_path is None:
            return self._tree.getpath(element)
        relative = self._tree.getelementpath(element)
        return self._root_path if relative == "." else f"{self._root_path}/{relative}"


class WalkPaths:
    """Element paths (the strings ``tree.getpath`` gives) for a walk in document order, in time
    linear in the tree's size and memory in its depth: it keeps the path of the element asked
    last and of its ancestors only, and numbers each of their children as the walk passes them
    (a page of 10^6 paragraphs side by side must not hold a path or a step per element)."""

    def __init__(self, tree: etree._ElementTree) -> None:
        self.tree = tree
        #: The element asked last and its ancestors, root first...
        self.chain: list[_ChildSteps] = []
        #: ...and where each of them stands in the chain.
        self.depths: dict[etree._Element, int] = {}

    def of(self, element: etree._Element) -> str:
        """The element's path: the same string ``tree.getpath(element)`` gives."""
        chain = self.chain
        depths = self.depths
        # Climb (without recursion: pages nest deep) to the nearest ancestor in the chain.
        climbed: list[etree._Element] = []
        node: etree._Element | None = element
        depth = -1
        while node is not None:
            depth = depths.get(node, -1)
            if depth >= 0:
                break
            climbed.append(node)
            node = node.getparent()
        while len(chain) > depth + 1:
            del depths[chain.pop().element]
        if not chain:  # the first call: start at the top
            top = climbed.pop()
            chain.append(_ChildSteps(top, self.tree.getpath(top)))
            depths[top] = 0
        climbed.reverse()  # (not reversed(): mypyc 2.4 fails on it over a list of Any)
        for child in climbed:
            parent = chain[-1]
            depths[child] = len(chain)
            chain.append(_ChildSteps(child, f"{parent.path}/{parent.step_of(child)}"))
        return chain[-1].path


class _ChildSteps:
    """An element's path, and the steps ("p", "div[2]") of its element children, numbered in
    order as they are asked for: no table of all of them."""

    def __init__(self, element: etree._Element, path: str) -> None:
        self.element = element
        self.path = path
        #: The child numbered last (None: none yet), and its step.
        self.child: etree._Element | None = None
        self.step = ""
        #: Children of each tag up to the last one numbered, and in all (counted once needed).
        self.seen: dict[str, int] = {}
        self.totals: dict[str, int] | None = None

    def step_of(self, child: etree._Element) -> str:
        if child is self.child:
            return self.step
        seen = self.seen
        node = None if self.child is None else self.child.getnext()
        while node is not None and node is not child:
            _count(node, seen)
            node = node.getnext()
        if node is None:  # the first call, or a child before the last one numbered
            seen.clear()
            node = next(iter(self.element), None)
            while node is not None and node is not child:
                _count(node, seen)
                node = node.getnext()
        tag = child.tag
        assert isinstance(tag, str)
        position = seen[tag] = seen.get(tag, 0) + 1
        self.child = child
        if position == 1:
            if self.totals is None:
                self.totals = {}
                for sibling in self.element:
                    _count(sibling, self.totals)
            self.step = tag if self.totals[tag] == 1 else f"{tag}[1]"
        else:
            self.step = f"{tag}[{position}]"
        return self.step


def _count(element: etree._Element, counts: dict[str, int]) -> None:
    """Count an element child by its tag (comments and processing instructions: not at all)."""
    tag = element.tag
    if isinstance(tag, str):
        counts[tag] = counts.get(tag, 0) + 1
