import { defineCollection } from 'astro:content';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { lessonFields, requireLessonFields } from './lib/content/lesson-schema.ts';
import { uiStrings } from './lib/site/ui-strings.ts';

const docs = docsSchema({ extend: lessonFields });

export const collections = {
  docs: defineCollection({
    loader: docsLoader(),
    schema: (context) => docs(context).superRefine(requireLessonFields),
  }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema({ extend: uiStrings }) }),
};
