/**
 * Hand-written Lightroom / Camera Raw style sidecars with known values import to the expected
 * parameters; what cannot be mapped is reported.
 */
import { describe, expect, it } from 'vitest';
import { addStep, emptyStack, resolve } from '../stack.ts';
import { readXmp } from './read.ts';

const HEAD = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 7.0-c000 1.000000, 0000/00/00-00:00:00">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`;
const TAIL = ` </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;

/** Lightroom Classic 13, a JPEG, PV 11, attribute form, LR11-style masks. */
const LR_CLASSIC = `${HEAD}
  <rdf:Description rdf:about=""
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"
   xmp:CreatorTool="Adobe Photoshop Lightroom Classic 13.0 (Windows)"
   crs:Version="16.0" crs:ProcessVersion="11.0" crs:WhiteBalance="As Shot"
   crs:IncrementalTemperature="+12" crs:IncrementalTint="-4"
   crs:Exposure2012="+0.65" crs:Contrast2012="+18" crs:Highlights2012="-45" crs:Shadows2012="+30"
   crs:Whites2012="+5" crs:Blacks2012="-12" crs:Texture="+10" crs:Clarity2012="+15" crs:Dehaze="+8"
   crs:Vibrance="+20" crs:Saturation="-5"
   crs:ParametricShadows="0" crs:ParametricDarks="-10" crs:ParametricLights="+10" crs:ParametricHighlights="0"
   crs:ParametricShadowSplit="25" crs:ParametricMidtoneSplit="50" crs:ParametricHighlightSplit="75"
   crs:Sharpness="40" crs:SharpenRadius="+1.0" crs:SharpenDetail="25" crs:SharpenEdgeMasking="30"
   crs:LuminanceSmoothing="10" crs:ColorNoiseReduction="25" crs:ColorNoiseReductionDetail="50" crs:ColorNoiseReductionSmoothness="50"
   crs:HueAdjustmentRed="0" crs:HueAdjustmentOrange="-8" crs:HueAdjustmentBlue="-15"
   crs:SaturationAdjustmentOrange="-10" crs:SaturationAdjustmentBlue="+25" crs:LuminanceAdjustmentBlue="-20"
   crs:SplitToningShadowHue="220" crs:SplitToningShadowSaturation="15" crs:SplitToningHighlightHue="45"
   crs:SplitToningHighlightSaturation="20" crs:SplitToningBalance="+10" crs:ColorGradeMidtoneHue="30"
   crs:ColorGradeMidtoneSat="5" crs:ColorGradeShadowLum="-5" crs:ColorGradeHighlightLum="0" crs:ColorGradeMidtoneLum="0"
   crs:ColorGradeGlobalHue="0" crs:ColorGradeGlobalSat="0" crs:ColorGradeGlobalLum="0" crs:ColorGradeBlending="60"
   crs:PostCropVignetteAmount="-20" crs:PostCropVignetteMidpoint="40" crs:PostCropVignetteFeather="70"
   crs:PostCropVignetteRoundness="+10" crs:PostCropVignetteStyle="1" crs:PostCropVignetteHighlightContrast="0"
   crs:GrainAmount="15" crs:GrainSize="30" crs:GrainFrequency="60" crs:GrainSeed="1234"
   crs:ConvertToGrayscale="False" crs:ToneCurveName2012="Custom"
   crs:CameraProfile="Embedded" crs:LensProfileEnable="1" crs:AutoLateralCA="1" crs:RedHue="+10"
   crs:HasCrop="True" crs:CropTop="0.05" crs:CropLeft="0.1" crs:CropBottom="0.95" crs:CropRight="0.9" crs:CropAngle="-2.5"
   crs:CropConstrainToWarp="0" crs:HasSettings="True" crs:AlreadyApplied="False">
   <crs:ToneCurvePV2012>
    <rdf:Seq>
     <rdf:li>0, 0</rdf:li>
     <rdf:li>64, 56</rdf:li>
     <rdf:li>192, 200</rdf:li>
     <rdf:li>255, 255</rdf:li>
    </rdf:Seq>
   </crs:ToneCurvePV2012>
   <crs:ToneCurvePV2012Red>
    <rdf:Seq>
     <rdf:li>0, 0</rdf:li>
     <rdf:li>128, 140</rdf:li>
     <rdf:li>255, 255</rdf:li>
    </rdf:Seq>
   </crs:ToneCurvePV2012Red>
   <crs:ToneCurvePV2012Green><rdf:Seq><rdf:li>0, 0</rdf:li><rdf:li>255, 255</rdf:li></rdf:Seq></crs:ToneCurvePV2012Green>
   <crs:ToneCurvePV2012Blue><rdf:Seq><rdf:li>0, 0</rdf:li><rdf:li>255, 255</rdf:li></rdf:Seq></crs:ToneCurvePV2012Blue>
   <crs:MaskGroupBasedCorrections>
    <rdf:Seq>
     <rdf:li>
      <rdf:Description
       crs:What="Correction" crs:CorrectionAmount="1" crs:CorrectionActive="true"
       crs:CorrectionName="Sky" crs:CorrectionSyncID="5601D9FAFB88361404A96FC371E51C68"
       crs:LocalExposure2012="-0.25" crs:LocalContrast2012="0.1" crs:LocalHighlights2012="-0.3"
       crs:LocalTemperature="-0.15" crs:LocalDehaze="0.2" crs:LocalTexture="0" crs:LocalCurveRefineSaturation="100">
      <crs:CorrectionMasks>
       <rdf:Seq>
        <rdf:li crs:What="Mask/Gradient" crs:MaskActive="true" crs:MaskName="Linear Gradient 1"
         crs:MaskBlendMode="0" crs:MaskInverted="false" crs:MaskSyncID="AB" crs:MaskValue="1"
         crs:ZeroX="0.5" crs:ZeroY="0.6" crs:FullX="0.5" crs:FullY="0.2"/>
       </rdf:Seq>
      </crs:CorrectionMasks>
      </rdf:Description>
     </rdf:li>
     <rdf:li>
      <rdf:Description
       crs:What="Correction" crs:CorrectionAmount="0.5" crs:CorrectionActive="true" crs:CorrectionName="Face"
       crs:LocalExposure2012="0.4" crs:LocalShadows2012="0.2" crs:LocalTexture="-0.3">
      <crs:CorrectionMasks>
       <rdf:Seq>
        <rdf:li crs:What="Mask/CircularGradient" crs:MaskActive="true" crs:MaskBlendMode="0" crs:MaskInverted="false"
         crs:MaskValue="1" crs:Top="0.2" crs:Left="0.3" crs:Bottom="0.6" crs:Right="0.5" crs:Angle="15"
         crs:Midpoint="50" crs:Roundness="0" crs:Feather="75" crs:Flipped="false" crs:Version="2"/>
        <rdf:li crs:What="Mask/CircularGradient" crs:MaskActive="true" crs:MaskBlendMode="1" crs:MaskInverted="false"
         crs:MaskValue="1" crs:Top="0.3" crs:Left="0.35" crs:Bottom="0.4" crs:Right="0.45" crs:Angle="0"
         crs:Midpoint="50" crs:Roundness="+20" crs:Feather="10" crs:Flipped="false" crs:Version="2"/>
       </rdf:Seq>
      </crs:CorrectionMasks>
      </rdf:Description>
     </rdf:li>
     <rdf:li>
      <rdf:Description crs:What="Correction" crs:CorrectionAmount="1" crs:LocalExposure2012="0.5">
      <crs:CorrectionMasks>
       <rdf:Seq>
        <rdf:li crs:What="Mask/Image" crs:MaskActive="true" crs:MaskBlendMode="0" crs:MaskSubType="1" crs:ReferencePoint="0.5 0.5"/>
       </rdf:Seq>
      </crs:CorrectionMasks>
      </rdf:Description>
     </rdf:li>
    </rdf:Seq>
   </crs:MaskGroupBasedCorrections>
  </rdf:Description>
${TAIL}`;

const stepOf = (r: ReturnType<typeof readXmp>, op: string) => r.steps.find((s) => s.op === op)?.params;

describe('readXmp: a Lightroom Classic sidecar', () => {
  const r = readXmp(LR_CLASSIC);

  it('imports the global sliders with their values', () => {
    expect(r.steps.every((s) => s.source === 'import')).toBe(true);
    expect(stepOf(r, 'tone')).toEqual({ exposure: 0.65, contrast: 18, highlights: -45, shadows: 30, whites: 5, blacks: -12 });
    expect(stepOf(r, 'whiteBalance')).toEqual({ temperature: 12, tint: -4 });
    expect(stepOf(r, 'presence')).toEqual({ texture: 10, clarity: 15 });
    expect(stepOf(r, 'dehaze')).toEqual({ amount: 8 });
    expect(stepOf(r, 'color')).toEqual({ vibrance: 20, saturation: -5 });
    expect(stepOf(r, 'parametricCurve')).toMatchObject({ darks: -10, lights: 10, shadowSplit: 25 });
    expect(stepOf(r, 'sharpening')).toEqual({ amount: 40, radius: 1, detail: 25, masking: 30 });
    expect(stepOf(r, 'noiseReduction')).toEqual({ luminance: 10, color: 25, colorDetail: 50 });
    expect(stepOf(r, 'hsl')).toMatchObject({ hueOrange: -8, hueBlue: -15, saturationOrange: -10, saturationBlue: 25, luminanceBlue: -20 });
    expect(stepOf(r, 'colorGrading')).toMatchObject({ shadowHue: 220, shadowSat: 15, highlightHue: 45, highlightSat: 20, balance: 10, midtoneHue: 30, midtoneSat: 5, shadowLum: -5, blending: 60 });
    expect(stepOf(r, 'vignette')).toEqual({ amount: -20, midpoint: 40, feather: 70, roundness: 10, highlights: 0 });
    expect(stepOf(r, 'grain')).toEqual({ amount: 15, size: 30, roughness: 60 });
    expect(stepOf(r, 'crop')).toEqual({ top: 0.05, left: 0.1, bottom: 0.95, right: 0.9, angle: -2.5 });
    expect(r.steps.find((s) => s.op === 'blackWhite')).toBeUndefined(); // ConvertToGrayscale False: nothing to do
  });

  it('imports the point curves (0..255 → 0..1)', () => {
    const pc = stepOf(r, 'pointCurve')!;
    expect(pc.master).toEqual([[0, 0], [64 / 255, 56 / 255], [192 / 255, 200 / 255], [1, 1]]);
    expect(pc.red).toEqual([[0, 0], [128 / 255, 140 / 255], [1, 1]]);
  });

  it('imports gradient and radial masks with local sliders (−1..+1 → ours, × CorrectionAmount)', () => {
    const locals = r.steps.filter((s) => s.op === 'local');
    expect(locals).toHaveLength(2);
    const [sky, face] = locals;
    expect(sky.params).toEqual({ exposure: -1, contrast: 10, highlights: -30, temperature: -15, dehaze: 20 });
    expect(sky.mask).toEqual({
      id: '5601D9FAFB88361404A96FC371E51C68',
      name: 'Sky',
      components: [{ shape: { type: 'linear', x0: 0.5, y0: 0.2, x1: 0.5, y1: 0.6 }, mode: 'add' }],
    });
    expect(face.params.exposure).toBeCloseTo(0.8, 9); // 0.4 × 4 EV × amount 0.5
    expect(face.params.shadows).toBeCloseTo(10, 9);
    const [c1, c2] = face.mask!.components;
    expect(c1.mode).toBe('add');
    expect(c1.shape).toMatchObject({ type: 'radial', angle: 15, feather: 75, inside: true });
    const e = c1.shape as { cx: number; cy: number; rx: number; ry: number };
    for (const [k, v] of Object.entries({ cx: 0.4, cy: 0.4, rx: 0.1, ry: 0.2 })) expect(e[k as keyof typeof e]).toBeCloseTo(v, 12);
    expect(c2.mode).toBe('subtract');
  });

  it('reports what it could not map, and only that', () => {
    expect(r.unmapped).toEqual(
      expect.arrayContaining([
        'crs:LensProfileEnable',
        'crs:AutoLateralCA',
        'crs:RedHue',
        'MaskGroupBasedCorrections[2] crs:LocalTexture',
        'MaskGroupBasedCorrections[2] Mask/CircularGradient crs:Roundness',
        'MaskGroupBasedCorrections[3] Mask/Image',
      ]),
    );
    expect(r.unmapped).toHaveLength(6);
    // The imported steps are valid steps.
    let s = emptyStack();
    for (const step of r.steps) s = addStep(s, step);
    expect(resolve(s).ops.tone.exposure).toBe(0.65);
  });
});

describe('readXmp: other spellings and versions', () => {
  it('reads the element form (Camera Raw) and a black & white mix', () => {
    const r = readXmp(`${HEAD}
  <rdf:Description rdf:about="" xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/">
   <crs:ProcessVersion>11.0</crs:ProcessVersion>
   <crs:Exposure2012>-0.35</crs:Exposure2012>
   <crs:ConvertToGrayscale>True</crs:ConvertToGrayscale>
   <crs:GrayMixerRed>+25</crs:GrayMixerRed>
   <crs:GrayMixerBlue>-40</crs:GrayMixerBlue>
   <crs:HasCrop>False</crs:HasCrop>
   <crs:CropTop>0.2</crs:CropTop>
  </rdf:Description>
${TAIL}`);
    expect(stepOf(r, 'tone')).toEqual({ exposure: -0.35 });
    expect(stepOf(r, 'blackWhite')).toEqual({ enabled: true, red: 25, blue: -40 });
    expect(stepOf(r, 'crop')).toBeUndefined(); // HasCrop False: the stale crop keys are ignored
    expect(r.unmapped).toEqual([]);
  });

  it('reports the tone controls of an old process version (PV2010) and a raw white balance', () => {
    const r = readXmp(`${HEAD}
  <rdf:Description rdf:about="" xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"
   crs:ProcessVersion="5.7" crs:WhiteBalance="Custom" crs:Temperature="5600" crs:Tint="+8"
   crs:Exposure="+0.50" crs:Brightness="+50" crs:Contrast="+25" crs:Shadows="5" crs:FillLight="10"
   crs:HighlightRecovery="0" crs:Clarity="+20" crs:Vibrance="+10" crs:ToneCurveName="Medium Contrast">
   <crs:ToneCurve><rdf:Seq><rdf:li>0, 0</rdf:li><rdf:li>32, 22</rdf:li><rdf:li>255, 255</rdf:li></rdf:Seq></crs:ToneCurve>
  </rdf:Description>
${TAIL}`);
    expect(stepOf(r, 'color')).toEqual({ vibrance: 10 });
    expect(r.steps).toHaveLength(1);
    expect(r.unmapped.sort()).toEqual(
      [
        'crs:Brightness', 'crs:Clarity', 'crs:Contrast', 'crs:Exposure', 'crs:FillLight', 'crs:HighlightRecovery', 'crs:Shadows',
        'crs:Temperature', 'crs:Tint', 'crs:ToneCurve', 'crs:WhiteBalance (Custom)',
      ].sort(),
    );
  });

  it('reads pre-LR11 gradient corrections and reports brush strokes', () => {
    const r = readXmp(`${HEAD}
  <rdf:Description rdf:about="" xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/" crs:ProcessVersion="10.0">
   <crs:GradientBasedCorrections><rdf:Seq><rdf:li><rdf:Description crs:What="Correction" crs:CorrectionAmount="1"
     crs:CorrectionActive="false" crs:LocalExposure2012="-0.5" crs:LocalSaturation="-1">
     <crs:CorrectionMasks><rdf:Seq><rdf:li><rdf:Description crs:What="Mask/Gradient" crs:MaskValue="1"
       crs:ZeroX="0.1" crs:ZeroY="0.5" crs:FullX="0.9" crs:FullY="0.5"/></rdf:li></rdf:Seq></crs:CorrectionMasks>
   </rdf:Description></rdf:li></rdf:Seq></crs:GradientBasedCorrections>
   <crs:PaintBasedCorrections><rdf:Seq><rdf:li><rdf:Description crs:What="Correction" crs:LocalExposure2012="0.3"/></rdf:li></rdf:Seq></crs:PaintBasedCorrections>
  </rdf:Description>
${TAIL}`);
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0]).toMatchObject({ op: 'local', enabled: false, params: { exposure: -2, saturation: -100 } });
    expect(r.steps[0].mask!.components[0].shape).toEqual({ type: 'linear', x0: 0.9, y0: 0.5, x1: 0.1, y1: 0.5 });
    expect(r.unmapped).toEqual(['crs:PaintBasedCorrections']);
  });

  it('clamps out-of-range values with a warning and skips unparsable ones', () => {
    const r = readXmp(`${HEAD}<rdf:Description xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"
      crs:Exposure2012="+7.5" crs:Contrast2012="lots"/>${TAIL}`);
    expect(stepOf(r, 'tone')).toEqual({ exposure: 5 });
    expect(r.warnings[0]).toMatch(/crs:Exposure2012=7.5 is out of range/);
    expect(r.unmapped).toEqual(['crs:Contrast2012']);
  });

  it('rejects malformed XML with a positioned error', () => {
    expect(() => readXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>')).toThrow(/line 1, column \d+: unclosed <rdf:RDF>/);
    expect(() => readXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>')).toThrow(/undeclared namespace prefix "rdf"/);
  });
});
