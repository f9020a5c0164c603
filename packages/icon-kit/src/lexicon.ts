/**
 * The words of the local engine's vocabulary: CAD command names and aliases (AutoCAD), feature
 * names (Fusion 360, FreeCAD, Rhino, SolidWorks) and plain descriptions, each naming a tool.
 * Browser-safe data. How prompts are read: docs/design-system.md#prompts.
 *
 * Strength decides between tools named together: an operation ("offset", "hatch") outranks the
 * shape it works on ("curve"), which outranks a quantity ("distance", "area"), so "offset a
 * curve by a distance" is an offset and "hatch a closed area" a hatch.
 */
import type { ToolId } from "./tool-catalog";

export const OPERATION = 3;
export const SHAPE = 2;
export const QUANTITY = 1;

/** One vocabulary entry per line: `tool strength: word word …` (words already lower case, singular). */
const ENTRIES = `
line 2: line segment straight
polyline 2: polyline pline zigzag polygonal lwpolyline
arc 2: arc arch semicircle
circle 2: circle
ellipse 2: ellipse elliptical oval
rectangle 2: rectangle rectang rect box square
polygon 2: polygon triangle pentagon hexagon heptagon octagon nonagon decagon dodecagon ngon
curve 2: curve spline nurbs freeform interpolate bezier
point 1.5: point node
xline 2: xline
ray 2: ray
text 2: text mtext dtext lettering label annotate annotation note
leader 2: leader mleader qleader callout
offset 3: offset parallel
fillet 3: fillet rounded round
chamfer 3: chamfer bevel
trim 3: trim cut
extend 3: extend extension
split 3: split
join 3: join merge weld
break 3: break
lengthen 3: lengthen
divide 3: divide division subdivide
mirror 3: mirror reflect flip mirrored
rotate 3: rotate rotation spin
rotate 1.5: turn
scale 3: scale resize enlarge shrink rescale
move 3: move translate drag displace relocate
copy 2.5: copy duplicate clone
align 3: align
stretch 3: stretch
explode 3: explode ungroup decompose
array 3: array arrayrect arrayclassic
array 1.5: pattern repeat
polarArray 3: arraypolar
pathArray 3: arraypath
hatch 3: hatch crosshatch bhatch fill
union 3: union unite booleanunion combine fuse
subtract 3: subtract subtraction difference booleandifference
intersect 3: intersect intersection booleanintersection common
extrude 3: extrude extrusion presspull pad boss pocket
extrude 2.5: pull
revolve 3: revolve revolution lathe groove revolved
loft 3: loft lofted blend
sweep 3: sweep swept rail pipe
shell 3: shell hollow
slice 2.5: slice section booleansplit
thicken 3: thicken
draft 3: draft taper
hole 3: hole counterbore countersink drill bore
distance 1: distance length dist ruler
angle 1: angle degree protractor
area 1: area
area 0.5: surface
dimLinear 3: dimension dim dimlinear
dimAligned 3: dimaligned
dimRadius 3: dimradius
dimRadius 1: radius
dimDiameter 3: dimdiameter
dimDiameter 1: diameter
dimAngular 3: dimangular
distance 2.5: measure measurement
zoom 3: zoom magnify magnifier
pan 3: pan
orbit 3: orbit 3dorbit tumble
grid 3: grid
snap 3: snap osnap
generic 3: generic placeholder
`;

export interface Entry {
  readonly tool: ToolId;
  readonly strength: number;
}

function parse(text: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const line of text.trim().split("\n")) {
    const [head = "", words = ""] = line.split(":");
    const [tool, strength] = head.trim().split(" ");
    for (const word of words.trim().split(/\s+/)) {
      out.set(word, { tool: tool as ToolId, strength: Number(strength) });
    }
  }
  return out;
}

export const WORDS: ReadonlyMap<string, Entry> = parse(ENTRIES);

/**
 * Two words that together name a more specific tool, in any order and with words between them
 * ("polar array", "array … polar", "radius dimension", "dimension the radius").
 */
export const PAIRS: readonly {
  readonly heads: readonly string[];
  readonly with: readonly string[];
  readonly tool: ToolId;
}[] = [
  {
    heads: ["array", "pattern", "repeat"],
    with: ["polar", "circular", "radial", "round", "rotational", "around", "bolt", "circle"],
    tool: "polarArray",
  },
  { heads: ["array", "pattern", "repeat"], with: ["path", "curve", "along", "spline"], tool: "pathArray" },
  {
    heads: ["array", "pattern", "repeat"],
    with: ["rectangular", "linear", "grid", "row", "column", "rectangle"],
    tool: "array",
  },
  { heads: ["dimension", "dim", "measure"], with: ["linear", "horizontal", "vertical"], tool: "dimLinear" },
  { heads: ["dimension", "dim"], with: ["aligned", "parallel", "slanted"], tool: "dimAligned" },
  { heads: ["dimension", "dim", "measure"], with: ["radius", "radial"], tool: "dimRadius" },
  { heads: ["dimension", "dim", "measure"], with: ["diameter", "diametric"], tool: "dimDiameter" },
  { heads: ["dimension", "dim"], with: ["angular", "angle"], tool: "dimAngular" },
  { heads: ["measure", "measurement", "dist"], with: ["distance", "length"], tool: "distance" },
  { heads: ["measure", "measurement"], with: ["angle", "angular", "degree"], tool: "angle" },
  { heads: ["measure", "measurement", "calculate", "compute"], with: ["area", "surface"], tool: "area" },
  { heads: ["boolean", "combine"], with: ["union", "add", "join", "merge", "unite", "fuse"], tool: "union" },
  {
    heads: ["boolean", "combine"],
    with: ["subtract", "difference", "cut", "minus", "remove"],
    tool: "subtract",
  },
  {
    heads: ["boolean", "combine"],
    with: ["intersect", "intersection", "common", "overlap"],
    tool: "intersect",
  },
  { heads: ["tangent", "tan"], with: ["arc"], tool: "tangentArc" },
  { heads: ["tangent", "tan", "ttr"], with: ["circle"], tool: "tangentCircle" },
  { heads: ["construction", "infinite", "reference"], with: ["line"], tool: "xline" },
  { heads: ["split", "cut"], with: ["body", "solid", "plane"], tool: "slice" },
  { heads: ["offset"], with: ["surface", "face"], tool: "offset" },
  { heads: ["rotate", "turn", "spin", "free"], with: ["view", "camera", "model", "orbit"], tool: "orbit" },
  { heads: ["mirror", "mirrored"], with: ["copy"], tool: "mirror" },
  { heads: ["fill"], with: ["area", "region", "boundary", "hatch", "pattern"], tool: "hatch" },
  { heads: ["zoom", "fit"], with: ["extent", "window", "screen", "all"], tool: "zoom" },
  { heads: ["grid"], with: ["array"], tool: "array" },
  { heads: ["press"], with: ["pull"], tool: "extrude" },
  { heads: ["snap"], with: ["grid", "endpoint", "midpoint"], tool: "snap" },
  { heads: ["cut"], with: ["pocket", "extrude", "extrusion"], tool: "extrude" },
  { heads: ["quarter", "half"], with: ["circle"], tool: "arc" },
  { heads: ["merge", "join", "combine", "fuse", "weld"], with: ["solid", "body", "region"], tool: "union" },
  { heads: ["spin"], with: ["profile"], tool: "revolve" },
  { heads: ["leader"], with: ["spline", "curve", "curved", "text"], tool: "leader" },
];

/** Words that only mean something beside a head of PAIRS; alone they are not understood as a tool. */
export const QUALIFIERS: ReadonlySet<string> = new Set(
  PAIRS.flatMap((p) => p.with).filter((w) => !WORDS.has(w)),
);

/** Heads that need a qualifier: alone they are ambiguous, so the reading offers the choices. */
export const AMBIGUOUS_HEADS: Readonly<Record<string, readonly ToolId[]>> = {
  boolean: ["union", "subtract", "intersect"],
  tangent: ["tangentArc", "tangentCircle"],
};

/**
 * Short command aliases (AutoCAD). Most are also English words or letters ("a", "co", "ex"), so
 * they count only when written in capitals or when the prompt is the alias alone.
 */
export const ALIASES: Readonly<Record<string, ToolId>> = {
  l: "line",
  pl: "polyline",
  c: "circle",
  a: "arc",
  rec: "rectangle",
  pol: "polygon",
  el: "ellipse",
  spl: "curve",
  po: "point",
  xl: "xline",
  t: "text",
  mt: "text",
  le: "leader",
  mld: "leader",
  o: "offset",
  f: "fillet",
  cha: "chamfer",
  tr: "trim",
  ex: "extend",
  br: "break",
  len: "lengthen",
  j: "join",
  div: "divide",
  mi: "mirror",
  ro: "rotate",
  sc: "scale",
  m: "move",
  co: "copy",
  cp: "copy",
  al: "align",
  s: "stretch",
  x: "explode",
  ar: "array",
  h: "hatch",
  uni: "union",
  su: "subtract",
  in: "intersect",
  ext: "extrude",
  rev: "revolve",
  sl: "slice",
  sec: "slice",
  di: "distance",
  aa: "area",
  dli: "dimLinear",
  dal: "dimAligned",
  dra: "dimRadius",
  ddi: "dimDiameter",
  dan: "dimAngular",
  z: "zoom",
  p: "pan",
  "3do": "orbit",
  sn: "snap",
};

/** Words that give a tool's parameter by themselves ("hexagon" has 6 sides). */
export const IMPLIED_PARAMS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  triangle: { sides: 3 },
  pentagon: { sides: 5 },
  hexagon: { sides: 6 },
  heptagon: { sides: 7 },
  octagon: { sides: 8 },
  nonagon: { sides: 9 },
  decagon: { sides: 10 },
  dodecagon: { sides: 12 },
  square: { width: 16, height: 16 },
  semicircle: { sweep: 180 },
};

/** Words that carry meaning for an icon without naming a tool: understood, never a tool. */
export const MODIFIERS: ReadonlySet<string> = new Set(
  `through centre center start end corner axis profile edge boundary base closed open shape geometry
  equal equally evenly even part selection model image horizontally vertically segment side row column count item instance time unit mm cutting
  horizontal vertical inside outside in out toggle on off view screen body solid face plane object
  entity selected select two three first second last
  around path along between pick window crossing direction vector reference new existing both
  single multiple several left right up down top bottom centered centred mid midpoint endpoint
  endpoints quadrant tangential perpendicular concentric inner outer wall
  thickness depth height width spacing gap factor percent degree radius diameter angle value
  number spoke element region loop chain
  command feature tool icon symbol button`.split(/\s+/),
);

/** Words that carry no meaning here and are not reported as unknown. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a an the of to by from with and or for on in into at using along about that this it its as me
  make draw create please some new i want need show showing shows like my our is are be can you
  could would let lets use do does give get which what how should will just simple basic nice
  place put find keep add
  little small large big one`.split(/\s+/),
);
