// What the clerk asks of a print (page ranges, copies), validated at the API boundary.
import { z } from 'zod';

/** Pages to print, 1-based and inclusive, as the clerk types them in the preview ("2-4"). */
export const PageRangeSchema = z
  .object({ from: z.number().int().min(1).max(10_000), to: z.number().int().min(1).max(10_000) })
  .strict()
  .refine((r) => r.from <= r.to, 'Trang đầu phải nhỏ hơn hoặc bằng trang cuối.');

export const PrintRequestSchema = z
  .object({
    /** Page ranges to print; empty or absent: every page. */
    pageRanges: z.array(PageRangeSchema).max(50).optional(),
    /** Number of copies (1–99). */
    copies: z.number().int().min(1).max(99).optional(),
  })
  .strict();
export type PrintRequest = z.infer<typeof PrintRequestSchema>;

