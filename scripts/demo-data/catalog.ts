/** A product of the demo mart, with the stock the seed script puts on the shelf after creating it. */
export interface DemoProduct {
  sku: string;
  name: string;
  description: string;
  priceMinor: number;
  currency: 'EUR';
  category: string;
  imageUrl?: string;
  /** Food is taxed at the reduced rate where the shop sells it; everything else at the standard rate. */
  taxClass: 'standard' | 'reduced';
  initialStock: number;
}

const FOOD = new Set(['Fruit & Veg', 'Bakery', 'Dairy', 'Pantry', 'Snacks']);

const image = (sku: string) => `https://images.mart.example/products/${sku.toLowerCase()}.jpg`;

function product(sku: string, name: string, description: string, priceMinor: number, category: string, initialStock: number): DemoProduct {
  return { sku, name, description, priceMinor, currency: 'EUR', category, imageUrl: image(sku), taxClass: FOOD.has(category) ? 'reduced' : 'standard', initialStock };
}

/** About fifty products in seven aisles; a few are nearly or entirely sold out, to show low-stock handling. */
export const demoCatalog: readonly DemoProduct[] = [
  product('FV-APPLE-1KG', 'Braeburn apples 1 kg', 'Crisp, sweet-sharp apples from the Altes Land.', 299, 'Fruit & Veg', 120),
  product('FV-BANANA-5', 'Bananas, 5 pieces', 'Fairtrade bananas, ripe in two days.', 189, 'Fruit & Veg', 200),
  product('FV-AVOCADO', 'Hass avocado', 'Ready to eat, creamy texture.', 129, 'Fruit & Veg', 3),
  product('FV-TOMATO-500', 'Vine tomatoes 500 g', 'Aromatic tomatoes on the vine.', 249, 'Fruit & Veg', 80),
  product('FV-CARROT-1KG', 'Carrots 1 kg', 'Organic carrots, unwashed.', 139, 'Fruit & Veg', 90),
  product('FV-SPINACH-250', 'Baby spinach 250 g', 'Washed and ready to eat.', 229, 'Fruit & Veg', 40),
  product('FV-LEMON-3', 'Lemons, 3 pieces', 'Unwaxed Sicilian lemons.', 159, 'Fruit & Veg', 0),
  product('BK-SOURDOUGH', 'Sourdough loaf', 'Slow fermented wheat and rye bread, 750 g.', 450, 'Bakery', 25),
  product('BK-BAGUETTE', 'Baguette', 'Classic French baguette, baked every morning.', 149, 'Bakery', 60),
  product('BK-CROISSANT-4', 'Butter croissants, 4 pieces', 'Flaky pastry made with French butter.', 329, 'Bakery', 30),
  product('BK-RYE', 'Dark rye bread', 'Dense wholegrain rye with sunflower seeds.', 380, 'Bakery', 2),
  product('BK-BRIOCHE', 'Brioche', 'Soft enriched bread for breakfast.', 399, 'Bakery', 15),
  product('BK-BAGEL-4', 'Sesame bagels, 4 pieces', 'Boiled and baked, New York style.', 279, 'Bakery', 35),
  product('DA-MILK-1L', 'Whole milk 1 l', 'Fresh pasteurised milk, 3.8 % fat.', 119, 'Dairy', 150),
  product('DA-OATMILK-1L', 'Oat drink 1 l', 'Barista edition, foams well.', 219, 'Dairy', 70),
  product('DA-BUTTER-250', 'Salted butter 250 g', 'Creamy butter with sea salt.', 289, 'Dairy', 55),
  product('DA-YOGHURT-500', 'Greek yoghurt 500 g', 'Strained yoghurt, 10 % fat.', 249, 'Dairy', 45),
  product('DA-CHEDDAR-200', 'Mature cheddar 200 g', 'Aged for 12 months.', 399, 'Dairy', 4),
  product('DA-EGGS-10', 'Free-range eggs, 10 pieces', 'Size M from local farms.', 349, 'Dairy', 80),
  product('DA-MOZZARELLA', 'Buffalo mozzarella 125 g', 'From Campania.', 259, 'Dairy', 0),
  product('PA-SPAGHETTI-500', 'Spaghetti 500 g', 'Bronze-cut durum wheat pasta.', 179, 'Pantry', 140),
  product('PA-RICE-1KG', 'Basmati rice 1 kg', 'Long grain, aged basmati.', 349, 'Pantry', 75),
  product('PA-OLIVEOIL-500', 'Extra virgin olive oil 500 ml', 'Cold pressed, from Crete.', 899, 'Pantry', 40),
  product('PA-TOMATOES-400', 'Chopped tomatoes 400 g', 'Italian tomatoes in juice.', 99, 'Pantry', 200),
  product('PA-CHICKPEAS-400', 'Chickpeas 400 g', 'Cooked and ready to use.', 119, 'Pantry', 110),
  product('PA-HONEY-500', 'Wildflower honey 500 g', 'Raw honey from German beekeepers.', 699, 'Pantry', 20),
  product('PA-ESPRESSO-1KG', 'Espresso beans 1 kg', 'Dark roast, notes of cocoa.', 1599, 'Pantry', 5),
  product('PA-OATS-500', 'Rolled oats 500 g', 'Wholegrain, for porridge and muesli.', 129, 'Pantry', 95),
  product('DR-WATER-6', 'Sparkling water, 6 x 1.5 l', 'Natural mineral water with added carbonation.', 399, 'Drinks', 60),
  product('DR-OJ-1L', 'Orange juice 1 l', 'Not from concentrate, with pulp.', 279, 'Drinks', 50),
  product('DR-COLA-6', 'Cola, 6 x 330 ml', 'Classic cola in cans.', 449, 'Drinks', 70),
  product('DR-GREENTEA-20', 'Green tea, 20 bags', 'Japanese sencha.', 299, 'Drinks', 40),
  product('DR-LEMONADE-750', 'Elderflower lemonade 750 ml', 'Lightly sparkling, low sugar.', 249, 'Drinks', 1),
  product('DR-RIESLING-750', 'Riesling 750 ml', 'Dry white wine from the Mosel.', 899, 'Drinks', 24),
  product('DR-COLDBREW-4', 'Cold brew coffee, 4 x 250 ml', 'Smooth, steeped for 18 hours.', 599, 'Drinks', 18),
  product('HH-DISHSOAP-500', 'Washing-up liquid 500 ml', 'Lemon scent, gentle on hands.', 189, 'Household', 65),
  product('HH-TOILETROLL-8', 'Toilet paper, 8 rolls', 'Three-ply, recycled paper.', 449, 'Household', 90),
  product('HH-SPONGE-5', 'Kitchen sponges, 5 pieces', 'With scouring side.', 199, 'Household', 50),
  product('HH-DETERGENT-2L', 'Laundry detergent 2 l', 'For 40 washes, colour safe.', 999, 'Household', 25),
  product('HH-BINBAGS-20', 'Bin bags 35 l, 20 pieces', 'Tear-resistant, with drawstring.', 299, 'Household', 0),
  product('HH-CANDLES-10', 'Tea lights, 10 pieces', 'Unscented, 4 hour burn time.', 249, 'Household', 30),
  product('HH-FOIL-30M', 'Aluminium foil 30 m', 'Extra strong for baking and grilling.', 279, 'Household', 45),
  product('SN-CRISPS-150', 'Sea salt crisps 150 g', 'Kettle-cooked potato crisps.', 229, 'Snacks', 85),
  product('SN-CHOCOLATE-100', 'Dark chocolate 70 % 100 g', 'Single origin cocoa from Peru.', 249, 'Snacks', 100),
  product('SN-ALMONDS-200', 'Roasted almonds 200 g', 'Lightly salted.', 399, 'Snacks', 40),
  product('SN-POPCORN-90', 'Sweet popcorn 90 g', 'Air-popped, caramel coating.', 179, 'Snacks', 60),
  product('SN-GUMMIES-200', 'Fruit gummies 200 g', 'Vegan, with real fruit juice.', 149, 'Snacks', 3),
  product('SN-OATBAR-5', 'Oat bars, 5 pieces', 'Oats, honey and hazelnuts.', 299, 'Snacks', 55),
  product('SN-PRETZEL-200', 'Salted pretzels 200 g', 'Crunchy Bavarian pretzel sticks.', 139, 'Snacks', 75),
  product('SN-HUMMUS-200', 'Hummus 200 g', 'Chickpeas, tahini and lemon.', 219, 'Snacks', 20),
];

/** A warehouse of the demo mart besides the default one (which is the first to ship from). */
export const demoWarehouse = { code: 'hamburg', name: 'Hamburg warehouse', country: 'DE', priority: 10 } as const;

/** A product sold in variants: its options, and per combination a price and the stock at the default and second warehouse. */
export interface DemoVariantProduct {
  sku: string;
  name: string;
  description: string;
  category: string;
  options: Array<{ name: string; values: string[] }>;
  variants: Array<{ values: string[]; priceMinor: number; weightGrams: number; stock: { default: number; hamburg: number } }>;
}

const sizes = ['S', 'M', 'L'];
const colours = ['Red', 'Navy'];

export const demoVariantProducts: readonly DemoVariantProduct[] = [
  {
    sku: 'AP-TEE',
    name: 'Organic cotton T-shirt',
    description: 'Heavyweight organic cotton, regular fit.',
    category: 'Apparel',
    options: [
      { name: 'Size', values: sizes },
      { name: 'Colour', values: colours },
    ],
    variants: sizes.flatMap((size, s) =>
      colours.map((colour, c) => ({ values: [size, colour], priceMinor: 1900 + s * 100, weightGrams: 180 + s * 20, stock: { default: (s + c) % 3 === 0 ? 0 : 4, hamburg: 6 - s } })),
    ),
  },
  {
    sku: 'AP-RUNNER',
    name: 'Everyday runners',
    description: 'Light running shoes with a recycled sole.',
    category: 'Apparel',
    options: [{ name: 'Size', values: ['40', '41', '42', '43', '44'] }],
    variants: ['40', '41', '42', '43', '44'].map((size, i) => ({ values: [size], priceMinor: 7900, weightGrams: 620 + i * 20, stock: { default: i % 2 === 0 ? 3 : 0, hamburg: 2 } })),
  },
];

/** Where the demo mart ships, and how: Germany free from 50 EUR, Austria by weight, France flat. */
export const demoShipping = [
  { zone: { name: 'Germany', countries: ['DE'] }, options: [{ name: 'Standard (2-3 days)', priceMinor: 490, currency: 'EUR', freeAboveMinor: 5000 }, { name: 'Express (next day)', priceMinor: 990, currency: 'EUR' }] },
  {
    zone: { name: 'Austria', countries: ['AT'] },
    options: [{ name: 'Parcel', priceMinor: 990, currency: 'EUR', weightBands: [{ upToGrams: 2000, priceMinor: 690 }, { upToGrams: 10000, priceMinor: 1290 }] }],
  },
  { zone: { name: 'France', countries: ['FR'] }, options: [{ name: 'Colissimo', priceMinor: 790, currency: 'EUR' }] },
] as const;

/** Tax in the demo mart: German prices include VAT (19 %, 7 % on food); Austrian VAT (20 %, 10 %) is added at checkout. */
export const demoTaxRegions = [
  { country: 'DE', rates: { standard: 1900, reduced: 700, zero: 0 }, pricesIncludeTax: true, shippingTaxed: true },
  { country: 'AT', rates: { standard: 2000, reduced: 1000, zero: 0 }, pricesIncludeTax: false, shippingTaxed: true },
] as const;
