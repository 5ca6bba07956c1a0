/** The knowledge base and case library (知识库 / 案例库): the use cases every edge calls. */

export type { ArticleRow, ArticleVersionRow, CategoryRow } from '../../data/knowledge';
export {
  articleVersions,
  createArticle,
  createKnowledgeCategory,
  fieldsOf,
  getArticle,
  knowledgeEditor,
  knowledgeReader,
  listArticles,
  listKnowledgeCategories,
  setArticleStatus,
  updateArticle,
} from './articles';
export { addCaseExample } from './case-library';
export { placeOfProject, suggestArticles } from './suggestions';
