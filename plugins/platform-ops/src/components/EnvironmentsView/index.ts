export { EnvironmentsView } from './EnvironmentsView';
