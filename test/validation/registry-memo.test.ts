import { expect } from 'chai';
import { type CanonicalResource, coreRegistry, DefinitionRegistry } from '../../src/validation/registry.js';

const sd = (url: string, type: string, version?: string) =>
  ({
    resourceType: 'StructureDefinition',
    url,
    type,
    kind: 'complex-type',
    derivation: 'specialization',
    ...(version ? { version } : {}),
  }) as CanonicalResource;

/** Lookups are remembered per layer (one map hit each); what is added later, to it or below it, is still seen. */
describe('definition registry lookups', () => {
  it('a layer sees a definition added to its parent after it looked for it and found none', () => {
    const parent = new DefinitionRegistry();
    const child = parent.layer();
    const url = 'http://example.org/StructureDefinition/Widget';
    expect(child.resolve(url)).to.equal(undefined);
    expect(child.typeDefinition('Widget')).to.equal(undefined);
    const widget = sd(url, 'Widget');
    parent.add(widget);
    expect(child.resolve(url)).to.equal(widget);
    expect(child.structureDefinition(url)).to.equal(widget);
  });

  it('a newer version added later becomes the one the bare url names; the older stays by url|version', () => {
    const registry = new DefinitionRegistry().layer();
    const url = 'http://example.org/StructureDefinition/Gadget';
    const v1 = sd(url, 'Gadget', '1.0.0');
    registry.add(v1);
    expect(registry.resolve(url)).to.equal(v1);
    const v2 = sd(url, 'Gadget', '2.0.0');
    registry.add(v2);
    expect(registry.resolve(url)).to.equal(v2);
    expect(registry.resolve(`${url}|1.0.0`)).to.equal(v1);
    expect(registry.resolve(`${url}|1.0`)).to.equal(v1);
    expect(registry.resolve(`${url}|3.0.0`)).to.equal(undefined);
  });

  it('a type defined in a layer over the core takes over from the core in that layer only', () => {
    const core = coreRegistry();
    const coreQuantity = core.typeDefinition('Quantity');
    expect(coreQuantity?.url).to.equal('http://hl7.org/fhir/StructureDefinition/Quantity');
    const layer = core.layer();
    expect(layer.typeDefinition('Quantity')).to.equal(coreQuantity);
    const mine = sd('http://hl7.org/fhir/StructureDefinition/Quantity', 'Quantity');
    layer.add(mine);
    expect(layer.typeDefinition('Quantity')).to.equal(mine);
    expect(core.typeDefinition('Quantity')).to.equal(coreQuantity);
  });

  it('remembers a bounded number of answers, and names too long to be urls not at all', () => {
    const registry = coreRegistry().layer();
    for (let i = 0; i < 10_000; i++) registry.resolve(`http://example.org/StructureDefinition/n${i}`);
    expect(registry.remembered()).to.be.within(1, 4096);
    const before = registry.remembered();
    expect(registry.typeDefinition('x'.repeat(100_000))).to.equal(undefined);
    expect(registry.resolve(`http://example.org/${'x'.repeat(100_000)}`)).to.equal(undefined);
    expect(registry.remembered()).to.equal(before);
    expect(registry.typeDefinition('Patient')?.type).to.equal('Patient');
  });
});
