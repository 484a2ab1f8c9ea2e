import type { KeyboardEvent } from "react";
import { DatePicker, type DatePickerProps } from "antd";
import type { Dayjs } from "dayjs";

type Props = Omit<DatePickerProps, "showTime" | "needConfirm" | "onKeyDown" | "value" | "onChange"> & {
  value?: Dayjs | null;
  onChange?: (value: Dayjs | null) => void;
};

/**
 * A date and time field for forms. A typed or picked time counts as soon as it is valid, without
 * the panel's OK: otherwise leaving the field drops what was typed. Enter only confirms the field;
 * it never submits the form around it, which would save the value from before the typing.
 */
export function DateTimeInput({ value, onChange, ...rest }: Props) {
  const stopSubmit = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === "Enter") event.preventDefault();
  };
  return (
    <DatePicker
      style={{ width: "100%" }}
      format="YYYY-MM-DD HH:mm"
      {...rest}
      showTime={{ format: "HH:mm" }}
      needConfirm={false}
      value={value ?? null}
      onChange={(next) => onChange?.(next ?? null)}
      onKeyDown={stopSubmit}
    />
  );
}
