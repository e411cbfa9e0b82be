import { Checkbox } from './ui';

export type ItemRef = { itemId: string; title: string };

/**
 * Which line items of an approval chain an action is about. Hidden for a single item (the action is about it), unless
 * `evenOne` asks for the choice to be made explicitly (e.g. what to withdraw).
 */
export function ItemPicker({
  legend,
  items,
  chosen,
  onChange,
  evenOne = false,
}: {
  legend: string;
  items: ItemRef[];
  chosen: string[];
  onChange: (ids: string[]) => void;
  evenOne?: boolean;
}) {
  if (items.length < (evenOne ? 1 : 2)) return null;
  return (
    <fieldset>
      <legend>{legend}</legend>
      {items.map((i) => (
        <Checkbox
          key={i.itemId}
          label={i.title}
          checked={chosen.includes(i.itemId)}
          onChange={(on) => onChange(on ? [...chosen, i.itemId] : chosen.filter((x) => x !== i.itemId))}
        />
      ))}
    </fieldset>
  );
}
