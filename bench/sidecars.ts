/**
 * The benchmark's edit (bench/render.bench.ts SETS) written as a darktable 4.x XMP sidecar and
 * a RawTherapee 5.x .pp3 profile: the nearest equivalent modules, at comparable strengths. The
 * point is comparable work (the same number and kind of operations), not identical looks.
 *
 * darktable stores each module's parameters as the hex of its C params struct; the layouts
 * below are those of darktable 4.2 (module versions in `modversion`).
 */

function hex(fields: Array<['f' | 'i', number]>): string {
  const b = Buffer.alloc(fields.length * 4);
  fields.forEach(([t, v], i) => (t === 'f' ? b.writeFloatLE(v, i * 4) : b.writeInt32LE(v, i * 4)));
  return b.toString('hex');
}

interface DtModule {
  operation: string;
  modversion: number;
  params: string;
}

export function darktableModules(): DtModule[] {
  return [
    // exposure v6: mode, black, exposure, deflicker_percentile, deflicker_target_level, compensate_exposure_bias
    { operation: 'exposure', modversion: 6, params: hex([['i', 0], ['f', 0], ['f', 0.3], ['f', 50], ['f', -4], ['i', 0]]) },
    // shadhi v5 (shadows & highlights): order, radius, shadows, whitepoint, highlights, reserved2,
    // compress, shadows_ccorrect, highlights_ccorrect, flags, low_approximation, shadhi_algo (bilateral)
    {
      operation: 'shadhi',
      modversion: 5,
      params: hex([['i', 0], ['f', 100], ['f', 30], ['f', 0], ['f', -40], ['f', 0], ['f', 50], ['f', 100], ['f', 50], ['i', 127], ['f', 0.000001], ['i', 1]]),
    },
    // bilat v3 (local contrast = clarity): mode (local laplacian), sigma_r, sigma_s, detail, midtone
    { operation: 'bilat', modversion: 3, params: hex([['i', 1], ['f', 0.5], ['f', 0.5], ['f', 1.2], ['f', 0.2]]) },
    // colisa v1: contrast, brightness, saturation (the contrast part of "tone")
    { operation: 'colisa', modversion: 1, params: hex([['f', 0.15], ['f', 0.05], ['f', 0]]) },
    // velvia v2 (vibrance-like saturation of the less saturated): strength, bias
    { operation: 'velvia', modversion: 2, params: hex([['f', 25], ['f', 1]]) },
    // vibrance v2: amount
    { operation: 'vibrance', modversion: 2, params: hex([['f', 15]]) },
    // sharpen v1: radius, amount, threshold
    { operation: 'sharpen', modversion: 1, params: hex([['f', 2], ['f', 0.5], ['f', 0.5]]) },
  ];
}

export function darktableXmp(): string {
  const mods = darktableModules();
  const items = mods
    .map(
      (m, i) => `     <rdf:li
      darktable:num="${i}"
      darktable:operation="${m.operation}"
      darktable:enabled="1"
      darktable:modversion="${m.modversion}"
      darktable:params="${m.params}"
      darktable:multi_name=""
      darktable:multi_priority="0"/>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 4.4.0-Exiv2">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:darktable="http://darktable.sf.net/"
   darktable:xmp_version="5"
   darktable:auto_presets_applied="1"
   darktable:history_end="${mods.length}">
   <darktable:history>
    <rdf:Seq>
${items}
    </rdf:Seq>
   </darktable:history>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
`;
}

/** RawTherapee 5.x processing profile with the equivalent edit. */
export function rawtherapeePp3(): string {
  return `[Version]
AppVersion=5.9
Version=346

[Exposure]
Auto=false
Clip=0.02
Compensation=0.3
Brightness=0
Contrast=15
Saturation=0
Black=0
HighlightCompr=0
HighlightComprThreshold=0
ShadowCompr=50
CurveMode=Standard
Curve=1;0;0;0.25;0.24;0.75;0.79;1;1;

[White Balance]
Enabled=true
Setting=Custom
Temperature=6100
Green=1
Equal=1

[Shadows & Highlights]
Enabled=true
Highlights=40
HighlightTonalWidth=70
Shadows=30
ShadowTonalWidth=30
Radius=40
Lab=false

[Local Contrast]
Enabled=true
Radius=80
Amount=0.2
Darkness=1
Lightness=1

[Vibrance]
Enabled=true
Pastels=25
Saturated=25
PSThreshold=0;75;
ProtectSkins=false
AvoidColorShift=true
PastSatTog=true

[HSV Equalizer]
Enabled=true
HCurve=0;
SCurve=1;0.61;0.5;0.35;0.35;0.67;0.35;0.35;0.35;
VCurve=0;

[PCVignette]
Enabled=true
Strength=0.6
Feather=50
Roundness=50

[Sharpening]
Enabled=true
Contrast=20
Method=usm
Radius=0.8
BlurRadius=0.2
Amount=150
Threshold=20;80;2000;1200;
OnlyEdges=false
HalocontrolEnabled=false
`;
}
