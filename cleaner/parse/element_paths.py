"""Element paths ("/html/body/div[2]/p", as lxml's getpath writes them).

lxml's getelementpath is the quick way on ordinary pages (one call in C), but it counts an
element's same-tag siblings on every call: on a page whose body holds tens of thousands of
paragraphs side by side, time grows with the square of their number (a 16 MB page spent most
of its parse there). ElementPaths numbers each parent's children once instead; the walker
switches to it when it meets a parent with more than MANY_CHILDREN children.
"""

from __future__ import annotations

from lxml import etree

#: Children above which a parent makes lxml's path functions slow enough to switch to
#: ElementPaths (the dev pages' widest parent has 1,521; 90 % of them have none above 190).
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


class ElementPaths:
    """Paths of the elements of one tree, in time linear in the tree's size: each parent's
    children are numbered once, each ancestor's path is remembered."""

    __slots__ = ("_tree", "_paths", "_steps")

    def __init__(self, tree: etree._ElementTree) -> None:
        self._tree = tree
        #: Path of every element asked for so far, and of its ancestors.
        self._paths: dict[etree._Element, str] = {}
        #: For each parent numbered so far: its element children's steps ("p", "div[2]").
        self._steps: dict[etree._Element, dict[etree._Element, str]] = {}

    def of(self, element: etree._Element) -> str:
        """The element's path: the same string ``tree.getpath(element)`` gives."""
        path = self._paths.get(element)
        if path is not None:
            return path
        # Climb (without recursion: pages nest deep) to the nearest ancestor with a known path.
        chain = [element]
        parent = element.getparent()
        while parent is not None and parent not in self._paths:
            chain.append(parent)
            parent = parent.getparent()
        if parent is None:
            top = chain.pop()
            path = self._paths[top] = self._tree.getpath(top)
            parent = top
        else:
            path = self._paths[parent]
        for child in reversed(chain):
            path = self._paths[child] = f"{path}/{self._step(parent, child)}"
            parent = child
        return path

    def _step(self, parent: etree._Element, child: etree._Element) -> str:
        steps = self._steps.get(parent)
        if steps is None:
            steps = self._steps[parent] = _number_children(parent)
        return steps[child]


def _number_children(parent: etree._Element) -> dict[etree._Element, str]:
    """Each element child's step: its tag, with its position among same-tag siblings
    ("div[2]") when it has any."""
    children = [child for child in parent if isinstance(child.tag, str)]
    totals: dict[str, int] = {}
    for child in children:
        totals[child.tag] = totals.get(child.tag, 0) + 1
    seen: dict[str, int] = {}
    steps: dict[etree._Element, str] = {}
    for child in children:
        tag = child.tag
        if totals[tag] == 1:
            steps[child] = tag
        else:
            seen[tag] = position = seen.get(tag, 0) + 1
            steps[child] = f"{tag}[{position}]"
    return steps
